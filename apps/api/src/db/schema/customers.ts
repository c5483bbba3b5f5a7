import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";

/** A merchant's customer (SPEC §15): orders, saved cards and subscriptions may point at one. */
export const customers = pgTable(
  "customers",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    name: text(),
    email: text(),
    contact: text(),
    notes: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("customers_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("customers_merchant_email_idx").on(t.merchantId, t.email),
  ],
);
export type CustomerRow = typeof customers.$inferSelect;
