import { roleSchema } from "@paygate/contracts";
import { bigint, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";

/** Dashboard users: merchants and admins (role). Admins have no API key. */
export const merchants = pgTable("merchants", {
  id: text().primaryKey(),
  email: text().notNull().unique(),
  name: text().notNull(),
  role: text({ enum: enumValues(roleSchema) }).notNull(),
  passwordHash: text().notNull(),
  // Named explicitly: drizzle-kit derives unique-constraint names from the key, not the cased column.
  apiKey: text().unique("merchants_api_key_unique"),
  apiSecretHash: text(),
  /** AES-256-GCM copy of the secret: needed to sign checkout results (HMAC keyed by the secret). */
  apiSecretCiphertext: text(),
  webhookUrl: text(),
  /** AES-256-GCM copy of the Standard Webhooks secret (needed in clear to sign), like the API secret's. */
  webhookSecretCiphertext: text(),
  previousWebhookSecretCiphertext: text(),
  /**
   * Before migration 0002 the webhook secrets were stored in clear here; at start the runtime
   * encrypts any left into the columns above and empties these (`encryptLegacyWebhookSecrets`).
   */
  legacyWebhookSecret: text("webhook_secret"),
  legacyPreviousWebhookSecret: text("previous_webhook_secret"),
  previousWebhookSecretExpiresAt: timestamp({ withTimezone: true }),
  /** Carried in access tokens; bumped by API-secret rotation and logout so older tokens stop working. */
  tokenVersion: integer().notNull().default(0),
  /** Fee override set by an admin; null means the platform default (FEE_BPS, FEE_FIXED). */
  feeBps: integer(),
  feeFixed: bigint({ mode: "number" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
  deletedAt: timestamp({ withTimezone: true }),
});
export type MerchantRow = typeof merchants.$inferSelect;
