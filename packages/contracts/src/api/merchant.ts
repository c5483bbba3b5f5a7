import { z } from "zod";
import { roleSchema } from "./auth.js";
import { nameSchema, timestampSchema, webhookUrlSchema } from "./common.js";

export const merchantSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  api_key: z.string().nullable(),
  webhook_url: z.string().nullable(),
  created_at: timestampSchema,
  deleted_at: timestampSchema.nullable(),
});
export type Merchant = z.infer<typeof merchantSchema>;

export const merchantPatchSchema = z.strictObject({
  name: nameSchema.optional(),
  webhook_url: webhookUrlSchema.nullable().optional(),
});
export type MerchantPatch = z.infer<typeof merchantPatchSchema>;

export const secretRotationResultSchema = z.object({ api_key: z.string(), api_secret: z.string() });
export type SecretRotationResult = z.infer<typeof secretRotationResultSchema>;

export const webhookSecretRotationResultSchema = z.object({
  webhook_secret: z.string(),
  previous_secret_valid_until: timestampSchema.nullable(),
});
export type WebhookSecretRotationResult = z.infer<typeof webhookSecretRotationResultSchema>;

/** `GET /merchant/webhook-secret`: the current secret of the default webhook URL (no-store). */
export const webhookSecretSchema = z.object({ webhook_secret: z.string() });
export type WebhookSecret = z.infer<typeof webhookSecretSchema>;
