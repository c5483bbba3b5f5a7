import { bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { webhookDeliveries } from "./webhook-deliveries.js";

/** Every delivery attempt: response code, duration, error and the first 4 KB of the body. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: text("delivery_id").notNull().references(() => webhookDeliveries.id),
    attempt: integer("attempt").notNull(),
    responseCode: integer("response_code"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    responseBody: text("response_body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId)],
);
