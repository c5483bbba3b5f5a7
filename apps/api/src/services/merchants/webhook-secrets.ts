import { and, eq, isNotNull, or } from "drizzle-orm";
import { type MerchantRow, merchants } from "../../db/schema/index.js";
import type { Config } from "../../env.js";
import { decrypt, encrypt } from "../../lib/crypto.js";
import type { SigningSecrets } from "../../lib/webhook-signature.js";
import type { ServiceContext } from "../context.js";

/** How long a rotated-out webhook secret keeps signing (both signatures are sent meanwhile). */
export const SECRET_OVERLAP_MS = 24 * 3600 * 1000;

/**
 * Webhook secrets must be used in clear to sign, so they are stored encrypted (AES-256-GCM under
 * the HKDF-derived encryption key), like the API secret's copy: a database dump alone does not
 * let anyone forge a merchant's webhooks.
 */
export function sealWebhookSecret(config: Pick<Config, "encryptionKey">, secret: string): string {
  return encrypt(secret, config.encryptionKey);
}

type StoredSecrets = Pick<
  MerchantRow,
  "webhookSecretCiphertext" | "previousWebhookSecretCiphertext" | "previousWebhookSecretExpiresAt"
>;

/** The secrets a delivery signs with, decrypted. */
export function signingSecrets(config: Pick<Config, "encryptionKey">, stored: StoredSecrets): SigningSecrets {
  const open = (sealed: string | null) => (sealed ? decrypt(sealed, config.encryptionKey) : null);
  return {
    webhookSecret: open(stored.webhookSecretCiphertext),
    previousWebhookSecret: open(stored.previousWebhookSecretCiphertext),
    previousWebhookSecretExpiresAt: stored.previousWebhookSecretExpiresAt,
  };
}

/**
 * Start-up data migration for rows written before webhook secrets were encrypted: seal each
 * plaintext secret into its ciphertext column and clear the plaintext. Guarded on the plaintext
 * still being there, so processes starting together do it once.
 */
export async function encryptLegacyWebhookSecrets(ctx: Pick<ServiceContext, "db" | "config">): Promise<number> {
  const rows = await ctx.db
    .select({ id: merchants.id, current: merchants.legacyWebhookSecret, previous: merchants.legacyPreviousWebhookSecret })
    .from(merchants)
    .where(or(isNotNull(merchants.legacyWebhookSecret), isNotNull(merchants.legacyPreviousWebhookSecret)));
  for (const row of rows) {
    const changes: Partial<typeof merchants.$inferInsert> = { legacyWebhookSecret: null, legacyPreviousWebhookSecret: null };
    if (row.current) changes.webhookSecretCiphertext = sealWebhookSecret(ctx.config, row.current);
    if (row.previous) changes.previousWebhookSecretCiphertext = sealWebhookSecret(ctx.config, row.previous);
    const current = row.current ? eq(merchants.legacyWebhookSecret, row.current) : undefined;
    await ctx.db
      .update(merchants)
      .set(changes)
      .where(and(eq(merchants.id, row.id), current));
  }
  return rows.length;
}
