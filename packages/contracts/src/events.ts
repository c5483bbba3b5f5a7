import { z } from "zod";
import { orderSchema, paymentSchema, refundSchema } from "./api/index.js";

export const eventTypes = [
  "payment.authorized",
  "payment.captured",
  "payment.failed",
  "payment.voided",
  "refund.processed",
  "refund.failed",
  "order.paid",
] as const;
export const eventTypeSchema = z.enum(eventTypes);
export type EventType = z.infer<typeof eventTypeSchema>;

/** The body of every webhook delivery (SPEC §8). */
export const webhookEventSchema = z.object({
  id: z.string(),
  type: eventTypeSchema,
  created_at: z.string(),
  data: z.object({
    payment: paymentSchema,
    order: orderSchema.optional(),
    refund: refundSchema.optional(),
  }),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
