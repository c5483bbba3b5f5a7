import { bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { webhookDeliveries } from "./webhook-deliveries.js";

/** Every delivery attempt: response code, duration, error and the first 4 KB of the body. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    deliveryId: text()
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer().notNull(),
    responseCode: integer(),
    durationMs: integer().notNull(),
    error: text(),
    responseBody: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId)],
);
