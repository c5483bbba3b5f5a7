import { z } from "zod";
import { subscriptionIntervals, subscriptionStatuses } from "../enums.js";
import { idSchema } from "../ids.js";
import { amountSchema, currencySchema } from "../money.js";
import { listQuerySchema, textSchema, timestampSchema } from "./common.js";

/** SPEC §15: a customer's saved card charged every period. */

export const subscriptionStatusSchema = z.enum(subscriptionStatuses);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;
export const subscriptionIntervalSchema = z.enum(subscriptionIntervals);
export type SubscriptionInterval = z.infer<typeof subscriptionIntervalSchema>;

export const subscriptionCreateSchema = z.strictObject({
  customer_id: idSchema("customer"),
  payment_method: idSchema("paymentMethod"),
  amount: amountSchema,
  currency: currencySchema.default("INR"),
  interval: subscriptionIntervalSchema,
  interval_count: z.number().int().min(1).max(365).default(1),
  description: textSchema().trim().min(1).max(200).optional(),
  /** When the first period starts (and is charged); default now. Not in the past. */
  start_at: z.iso.datetime({ offset: true, error: "start_at must be an ISO 8601 timestamp" }).optional(),
});
export type SubscriptionCreate = z.infer<typeof subscriptionCreateSchema>;

export const subscriptionSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  payment_method_id: z.string(),
  status: subscriptionStatusSchema,
  amount: z.number().int(),
  currency: currencySchema,
  interval: subscriptionIntervalSchema,
  interval_count: z.number().int(),
  description: z.string().nullable(),
  start_at: timestampSchema,
  current_period_start: timestampSchema,
  current_period_end: timestampSchema,
  /** How many renewals of the current period failed (0 while `active`). */
  failed_attempts: z.number().int(),
  next_retry_at: timestampSchema.nullable(),
  cancelled_at: timestampSchema.nullable(),
  created_at: timestampSchema,
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const subscriptionListQuerySchema = listQuerySchema.extend({
  customer_id: idSchema("customer").optional(),
  status: subscriptionStatusSchema.optional(),
});
export type SubscriptionListQuery = z.infer<typeof subscriptionListQuerySchema>;

export const subscriptionParamsSchema = z.strictObject({ id: idSchema("subscription") });
