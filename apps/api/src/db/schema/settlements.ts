import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";

/** A merchant's available balance in one currency paid out by the daily settlement run. */
export const settlements = pgTable(
  "settlements",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    currency: text("currency").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    status: text("status", { enum: ["processed"] }).notNull(),
    transactionCount: integer("transaction_count").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // One settlement per merchant, currency and run, however many workers run it.
    uniqueIndex("settlements_merchant_currency_period_idx").on(t.merchantId, t.currency, t.periodEnd),
    index("settlements_merchant_created_idx").on(t.merchantId, t.createdAt),
  ],
);
export type SettlementRow = typeof settlements.$inferSelect;

/** One row per scheduled settlement time: whoever inserts it queues that run's job, once. */
export const settlementRuns = pgTable("settlement_runs", {
  dueAt: timestamp("due_at", { withTimezone: true }).primaryKey(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
