import { z } from "zod";
import { deliveryStatuses } from "../enums.js";
import { idSchema } from "../ids.js";
import { listQuerySchema, textSchema, timestampSchema } from "./common.js";

export const deliveryStatusSchema = z.enum(deliveryStatuses);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const webhookDeliverySchema = z.object({
  id: z.string(),
  event_id: z.string(),
  event: z.string(),
  /** The webhook endpoint (`we_…`) it goes to; null for the merchant's default `webhook_url`. */
  endpoint_id: z.string().nullable(),
  url: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  last_attempt_at: timestampSchema.nullable(),
  next_retry_at: timestampSchema.nullable(),
  response_code: z.number().int().nullable(),
  created_at: timestampSchema,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  response_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
  response_body: z.string().nullable(),
  created_at: timestampSchema,
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliveryDetailSchema = webhookDeliverySchema.extend({
  payload: z.record(z.string(), z.unknown()),
  attempt_log: z.array(webhookAttemptSchema),
});
export type WebhookDeliveryDetail = z.infer<typeof webhookDeliveryDetailSchema>;

export const webhookListQuerySchema = listQuerySchema.extend({
  status: deliveryStatusSchema.optional(),
  endpoint_id: idSchema("webhookEndpoint").optional(),
  /** An event type such as `order.paid` (or `ping`). */
  event_type: textSchema().min(1).max(64).optional(),
  /** Deliveries of events about this order (its payments' events included). */
  order_id: idSchema("order").optional(),
  payment_id: idSchema("payment").optional(),
});
export type WebhookListQuery = z.infer<typeof webhookListQuerySchema>;
