import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { events } from "./events.js";
import { merchants } from "./merchants.js";

/** One delivery of one event to the merchant's webhook URL, retried on its schedule. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    eventId: text("event_id").notNull().references(() => events.id),
    url: text("url").notNull(),
    status: text("status", { enum: ["pending", "success", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    nextRetryAt: timestamp("next_retry_at", { withTimezone: true }),
    responseCode: integer("response_code"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_deliveries_merchant_created_idx").on(t.merchantId, t.createdAt)],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
