import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";

/** The outbox: one row per state change, written in the transaction that makes the change. */
export const events = pgTable(
  "events",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("events_merchant_created_idx").on(t.merchantId, t.createdAt)],
);
export type EventRow = typeof events.$inferSelect;
