import { z } from "zod";
import { textSchema, timestampSchema, webhookUrlSchema } from "./api/common.js";
import { webhookEndpointStatuses } from "./enums.js";
import { eventTypeSchema } from "./events.js";
import { idSchema } from "./ids.js";

export const webhookEndpointStatusSchema = z.enum(webhookEndpointStatuses);
export type WebhookEndpointStatus = z.infer<typeof webhookEndpointStatusSchema>;

/**
 * Which events an endpoint receives: `["*"]` (all) or a list of event types. An unknown type is
 * a 400 naming it, so a typo does not silently subscribe to nothing.
 */
export const webhookEndpointEventsSchema = z
  .array(z.union([z.literal("*"), eventTypeSchema]))
  .min(1, { error: 'list at least one event type, or ["*"] for all' })
  .max(50)
  .refine((events) => !events.includes("*") || events.length === 1, { error: '"*" stands alone' })
  .transform((events) => [...new Set(events)]);

const descriptionSchema = textSchema().trim().max(200);

export const webhookEndpointCreateSchema = z.strictObject({
  url: webhookUrlSchema,
  events: webhookEndpointEventsSchema.default(["*"]),
  description: descriptionSchema.optional(),
});
export type WebhookEndpointCreate = z.infer<typeof webhookEndpointCreateSchema>;

export const webhookEndpointPatchSchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    events: webhookEndpointEventsSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    status: webhookEndpointStatusSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: "send at least one of url, events, description, status" });
export type WebhookEndpointPatch = z.infer<typeof webhookEndpointPatchSchema>;

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  status: webhookEndpointStatusSchema,
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** The create response: the endpoint and its signing secret, shown this once. */
export const webhookEndpointWithSecretSchema = webhookEndpointSchema.extend({ secret: z.string() });
export type WebhookEndpointWithSecret = z.infer<typeof webhookEndpointWithSecretSchema>;

export const webhookEndpointSecretRotationSchema = z.object({
  id: z.string(),
  secret: z.string(),
  previous_secret_valid_until: timestampSchema.nullable(),
});
export type WebhookEndpointSecretRotation = z.infer<typeof webhookEndpointSecretRotationSchema>;

export const webhookEndpointParamsSchema = z.strictObject({ id: idSchema("webhookEndpoint") });
