import { webhookEndpointStatusSchema } from "@paygate/contracts";
import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { merchants } from "./merchants.js";

/**
 * A merchant's extra webhook endpoints (SPEC §8), besides `merchants.webhook_url`. Each signs
 * with its own secret, sealed like the merchant's (AES-256-GCM, `sealWebhookSecret`). Deleting
 * one stamps `deleted_at`: its past deliveries keep pointing at it.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    url: text().notNull(),
    /** Event types, or `["*"]` for all. */
    events: jsonb().$type<string[]>().notNull(),
    description: text(),
    status: text({ enum: enumValues(webhookEndpointStatusSchema) })
      .notNull()
      .default("enabled"),
    secretCiphertext: text().notNull(),
    previousSecretCiphertext: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("webhook_endpoints_merchant_idx").on(t.merchantId, t.createdAt)],
);
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
