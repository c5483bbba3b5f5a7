import { bigint, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Dashboard users: merchants and admins (role). Admins have no API key. */
export const merchants = pgTable("merchants", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: ["merchant", "admin"] }).notNull(),
  passwordHash: text("password_hash").notNull(),
  apiKey: text("api_key").unique(),
  apiSecretHash: text("api_secret_hash"),
  /** AES-256-GCM copy of the secret: needed to sign checkout results (HMAC keyed by the secret). */
  apiSecretCiphertext: text("api_secret_ciphertext"),
  webhookUrl: text("webhook_url"),
  webhookSecret: text("webhook_secret"),
  previousWebhookSecret: text("previous_webhook_secret"),
  previousWebhookSecretExpiresAt: timestamp("previous_webhook_secret_expires_at", { withTimezone: true }),
  /** Fee override set by an admin; null means the platform default (FEE_BPS, FEE_FIXED). */
  feeBps: integer("fee_bps"),
  feeFixed: bigint("fee_fixed", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
});
export type MerchantRow = typeof merchants.$inferSelect;
