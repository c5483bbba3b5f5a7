import { z } from "zod";
import { orderStatuses } from "../enums.js";
import { idSchema } from "../ids.js";
import { amountSchema, currencySchema } from "../money.js";
import { emailSchema, isSafeText, listQuerySchema, textSchema, timestampSchema } from "./common.js";
import { orderDiscountSchema } from "./discounts.js";

export const orderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

// Keys are checked on the whole record so an unsafe key is reported as `notes`, not as a path
// that would itself carry the NUL byte.
export const notesSchema = z
  .record(z.string().min(1).max(40), textSchema().max(256))
  .refine((notes) => Object.keys(notes).every(isSafeText), {
    error: "keys must not contain NUL bytes or unpaired surrogates",
  })
  .refine((notes) => Object.keys(notes).length <= 15, { error: "at most 15 notes" });

export const orderCreateSchema = z.strictObject({
  amount: amountSchema,
  currency: currencySchema.default("INR"),
  receipt: textSchema().min(1).max(40).optional(),
  notes: notesSchema.optional(),
  /** A promo code to apply (SPEC §14); its use is reserved with the order. */
  discount_code: textSchema().trim().min(1).max(64).optional(),
  /** Whose order it is, for a code's per-customer limit (recorded with the code's use). */
  customer_email: emailSchema.optional(),
  /** The merchant's own customer (SPEC §15): their saved cards can then pay it. */
  customer_id: idSchema("customer").optional(),
});
export type OrderCreate = z.infer<typeof orderCreateSchema>;

export const orderSchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: currencySchema,
  receipt: z.string().nullable(),
  notes: z.record(z.string(), z.string()),
  status: orderStatusSchema,
  discount: orderDiscountSchema,
  amount_paid: z.number().int(),
  amount_due: z.number().int(),
  attempts: z.number().int(),
  customer_id: z.string().nullable(),
  created_at: timestampSchema,
});
export type Order = z.infer<typeof orderSchema>;

export const orderListQuerySchema = listQuerySchema.extend({ status: orderStatusSchema.optional() });
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;
