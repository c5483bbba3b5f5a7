import type { Currency } from "@paygate/contracts";
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";

/** A merchant's available balance in one currency paid out by the daily settlement run. */
export const settlements = pgTable(
  "settlements",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    currency: text().$type<Currency>().notNull(),
    amount: bigint({ mode: "number" }).notNull(),
    status: text({ enum: ["processed"] }).notNull(),
    transactionCount: integer().notNull(),
    periodStart: timestamp({ withTimezone: true }).notNull(),
    periodEnd: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // One settlement per merchant, currency and run, however many workers run it.
    uniqueIndex("settlements_merchant_currency_period_idx").on(t.merchantId, t.currency, t.periodEnd),
    index("settlements_merchant_created_idx").on(t.merchantId, t.createdAt),
  ],
);
export type SettlementRow = typeof settlements.$inferSelect;
