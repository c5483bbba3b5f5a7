import { merchantPatchSchema } from "@paygate/contracts";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { merchants } from "../../db/schema/index.js";
import { encrypt, sha256 } from "../../lib/crypto.js";
import { notFound } from "../../lib/errors.js";
import type { ServiceContext } from "../context.js";
import { serializeMerchant } from "../serialize.js";
import { assertWebhookUrlAllowed } from "../webhooks/url.js";
import { newApiSecret, newWebhookSecret } from "./credentials.js";
import { SECRET_OVERLAP_MS, sealWebhookSecret, signingSecrets } from "./webhook-secrets.js";

async function loadMerchant(ctx: ServiceContext, merchantId: string) {
  const [row] = await ctx.db.select().from(merchants).where(eq(merchants.id, merchantId));
  if (!row || row.deletedAt) throw notFound("Merchant");
  return row;
}

export async function getMerchant({ ctx, merchantId }: { ctx: ServiceContext; merchantId: string }) {
  return serializeMerchant(await loadMerchant(ctx, merchantId));
}

/** `PATCH /merchant`: name and webhook URL (`null` clears it). */
export async function updateMerchant({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof merchantPatchSchema>;
}) {
  const body = merchantPatchSchema.parse(input);
  if (body.webhook_url) await assertWebhookUrlAllowed(ctx, body.webhook_url);
  const changes: Partial<typeof merchants.$inferInsert> = { updatedAt: new Date() };
  if (body.name !== undefined) changes.name = body.name;
  if (body.webhook_url !== undefined) changes.webhookUrl = body.webhook_url;
  const [row] = await ctx.db.update(merchants).set(changes).where(eq(merchants.id, merchantId)).returning();
  if (!row) throw notFound("Merchant");
  ctx.credentials.invalidate(merchantId);
  return serializeMerchant(row);
}

/**
 * `POST /merchant/keys/rotate`: a new API secret; the old one stops working at once, and so do
 * access tokens issued before (the token version moves on; the dashboard renews its own with the
 * refresh cookie).
 */
export async function rotateApiSecret({ ctx, merchantId }: { ctx: ServiceContext; merchantId: string }) {
  const merchant = await loadMerchant(ctx, merchantId);
  const apiSecret = newApiSecret(ctx.config);
  await ctx.db
    .update(merchants)
    .set({
      apiSecretHash: sha256(apiSecret),
      apiSecretCiphertext: encrypt(apiSecret, ctx.config.encryptionKey),
      tokenVersion: sql`${merchants.tokenVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(merchants.id, merchantId));
  ctx.credentials.invalidate(merchantId);
  return { api_key: merchant.apiKey ?? "", api_secret: apiSecret };
}

/**
 * `GET /merchant/webhook-secret`: the secret the default webhook URL is signed with, decrypted,
 * so the dashboard can show it again instead of forcing a rotation.
 */
export async function revealWebhookSecret({ ctx, merchantId }: { ctx: ServiceContext; merchantId: string }) {
  const merchant = await loadMerchant(ctx, merchantId);
  const { webhookSecret } = signingSecrets(ctx.config, merchant);
  if (!webhookSecret) throw notFound("Webhook secret", null);
  return { webhook_secret: webhookSecret };
}

/** `POST /merchant/webhook-secret/rotate`: the old secret keeps signing for a 24 h overlap. */
export async function rotateWebhookSecret({ ctx, merchantId }: { ctx: ServiceContext; merchantId: string }) {
  const merchant = await loadMerchant(ctx, merchantId);
  const webhookSecret = newWebhookSecret();
  const validUntil = new Date(Date.now() + SECRET_OVERLAP_MS);
  await ctx.db
    .update(merchants)
    .set({
      webhookSecretCiphertext: sealWebhookSecret(ctx.config, webhookSecret),
      // Still sealed under the same key: the ciphertext moves as it is.
      previousWebhookSecretCiphertext: merchant.webhookSecretCiphertext,
      previousWebhookSecretExpiresAt: merchant.webhookSecretCiphertext ? validUntil : null,
      updatedAt: new Date(),
    })
    .where(eq(merchants.id, merchantId));
  return {
    webhook_secret: webhookSecret,
    previous_secret_valid_until: merchant.webhookSecretCiphertext ? validUntil.toISOString() : null,
  };
}
