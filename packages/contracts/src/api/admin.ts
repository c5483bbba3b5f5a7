import { z } from "zod";
import { idSchema } from "../ids.js";
import { listQuerySchema } from "./common.js";

export const adminStatsSchema = z.object({
  total_merchants: z.number().int(),
  total_admins: z.number().int(),
  total_orders: z.number().int(),
  total_successful_payments: z.number().int(),
  total_successful_refunds: z.number().int(),
  total_canceled_payments: z.number().int(),
  success_rate: z.number(),
});
export type AdminStats = z.infer<typeof adminStatsSchema>;

export const adminMerchantStatsSchema = z.object({
  merchant_id: z.string(),
  email: z.string(),
  order_count: z.number().int(),
  successful_payments: z.number().int(),
  successful_refunds: z.number().int(),
  canceled_payments: z.number().int(),
});
export type AdminMerchantStats = z.infer<typeof adminMerchantStatsSchema>;

/** `GET /admin/stats`: platform totals, or one merchant's with `?merchant_id=`. */
export const adminStatsResultSchema = z.union([adminStatsSchema, adminMerchantStatsSchema]);
export type AdminStatsResult = z.infer<typeof adminStatsResultSchema>;

export const adminStatsQuerySchema = z.strictObject({
  merchant_id: idSchema("merchant").optional(),
  include_deleted: z.enum(["true", "false"]).optional(),
});
export type AdminStatsQuery = z.infer<typeof adminStatsQuerySchema>;

export const adminMerchantsQuerySchema = listQuerySchema.extend({
  include_deleted: z.enum(["true", "false"]).optional(),
});
export type AdminMerchantsQuery = z.infer<typeof adminMerchantsQuerySchema>;
