import { deliveryStatusSchema } from "@paygate/contracts";
import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { events } from "./events.js";
import { merchants } from "./merchants.js";

/** One delivery of one event to the merchant's webhook URL, retried on its schedule. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    eventId: text()
      .notNull()
      .references(() => events.id),
    url: text().notNull(),
    status: text({ enum: enumValues(deliveryStatusSchema) })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    lastAttemptAt: timestamp({ withTimezone: true }),
    nextRetryAt: timestamp({ withTimezone: true }),
    responseCode: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_deliveries_merchant_created_idx").on(t.merchantId, t.createdAt)],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
