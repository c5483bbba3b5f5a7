import { z } from "zod";
import { deliveryStatuses } from "../enums.js";
import { listQuerySchema, timestampSchema } from "./common.js";

export const deliveryStatusSchema = z.enum(deliveryStatuses);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const webhookDeliverySchema = z.object({
  id: z.string(),
  event_id: z.string(),
  event: z.string(),
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

export const webhookListQuerySchema = listQuerySchema.extend({ status: deliveryStatusSchema.optional() });
export type WebhookListQuery = z.infer<typeof webhookListQuerySchema>;
