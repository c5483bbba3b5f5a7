import { roleSchema } from "@paygate/contracts";
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
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
  webhookSecret: text(),
  previousWebhookSecret: text(),
  previousWebhookSecretExpiresAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
  deletedAt: timestamp({ withTimezone: true }),
});
export type MerchantRow = typeof merchants.$inferSelect;
