import { z } from "zod";
import { refundStatuses } from "../enums.js";
import { refundErrorCodes } from "../errors.js";
import { idSchema } from "../ids.js";
import { amountSchema, currencySchema } from "../money.js";
import { listQuerySchema, textSchema, timestampSchema } from "./common.js";

export const refundStatusSchema = z.enum(refundStatuses);
export type RefundStatus = z.infer<typeof refundStatusSchema>;
/** Why a refund failed (SPEC §13). */
export const refundErrorCodeSchema = z.enum(refundErrorCodes);

export const refundCreateSchema = z.strictObject({
  amount: amountSchema.optional(),
  reason: textSchema().trim().min(1).max(255).optional(),
});
export type RefundCreate = z.infer<typeof refundCreateSchema>;

export const refundSchema = z.object({
  id: z.string(),
  payment_id: z.string(),
  amount: z.number().int(),
  currency: currencySchema,
  reason: z.string().nullable(),
  status: refundStatusSchema,
  error_code: refundErrorCodeSchema.nullable(),
  created_at: timestampSchema,
  processed_at: timestampSchema.nullable(),
});
export type Refund = z.infer<typeof refundSchema>;

export const refundListQuerySchema = listQuerySchema.extend({ payment_id: idSchema("payment").optional() });
export type RefundListQuery = z.infer<typeof refundListQuerySchema>;
