import { deliveryStatusSchema } from "@paygate/contracts";
import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { events } from "./events.js";
import { merchants } from "./merchants.js";
import { webhookEndpoints } from "./webhook-endpoints.js";

/** One delivery of one event to one URL (the default or an endpoint's), retried on its schedule. */
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
    /** Null: the merchant's default `webhook_url`, signed with the merchant's webhook secret. */
    endpointId: text().references(() => webhookEndpoints.id),
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
  (t) => [
    index("webhook_deliveries_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt),
  ],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
