import { z } from "zod";
import { currencySchema } from "../money.js";

/** One currency's money in the stats: amounts are never added across currencies. */
export const currencyStatsSchema = z.object({
  currency: currencySchema,
  successful_payments: z.number().int(),
  total_volume: z.number().int(),
  refunded_volume: z.number().int(),
});
export type CurrencyStats = z.infer<typeof currencyStatsSchema>;

/**
 * `GET /merchants/stats`: counts over every currency; `total_volume` and `refunded_volume` in
 * `currency` only; `by_currency` lists each currency the merchant has payments in.
 */
export const merchantStatsSchema = z.object({
  total_orders: z.number().int(),
  successful_payments: z.number().int(),
  successful_refunds: z.number().int(),
  canceled_payments: z.number().int(),
  total_volume: z.number().int(),
  refunded_volume: z.number().int(),
  success_rate: z.number(),
  currency: currencySchema,
  by_currency: z.array(currencyStatsSchema),
});
export type MerchantStats = z.infer<typeof merchantStatsSchema>;

/** An ISO date (`2026-05-01`) or date-time; a date-only `to` includes that whole day. */
const periodBoundSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be an ISO date (YYYY-MM-DD) or date-time",
});

export const merchantStatsQuerySchema = z
  .strictObject({
    currency: currencySchema.default("INR"),
    from: periodBoundSchema.optional(),
    to: periodBoundSchema.optional(),
  })
  .refine((query) => !query.from || !query.to || periodStart(query.from) < periodEnd(query.to), {
    error: "from must not be after to",
    path: ["from"],
  });
export type MerchantStatsQuery = z.infer<typeof merchantStatsQuerySchema>;

/** The first instant of a period bound (a date means its midnight UTC). */
export function periodStart(bound: string): Date {
  return new Date(bound.length === 10 ? `${bound}T00:00:00.000Z` : bound);
}

/** The first instant after a period bound (a date-only bound includes the whole day, UTC). */
export function periodEnd(bound: string): Date {
  const start = periodStart(bound);
  return bound.length === 10 ? new Date(start.getTime() + 86_400_000) : new Date(start.getTime() + 1);
}
