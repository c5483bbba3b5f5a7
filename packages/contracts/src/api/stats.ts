import { z } from "zod";

export const merchantStatsSchema = z.object({
  total_orders: z.number().int(),
  successful_payments: z.number().int(),
  successful_refunds: z.number().int(),
  canceled_payments: z.number().int(),
  total_volume: z.number().int(),
  refunded_volume: z.number().int(),
  success_rate: z.number(),
});
export type MerchantStats = z.infer<typeof merchantStatsSchema>;
