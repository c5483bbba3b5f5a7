import type { Currency } from "@paygate/contracts";
import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";

export const ledgerAccountKinds = ["pending", "available", "settled", "fees", "acquirer"] as const;
export type LedgerAccountKind = (typeof ledgerAccountKinds)[number];

/**
 * Ledger accounts, one per (owner, currency, kind): a merchant's `pending`, `available` and
 * `settled`, the platform's `fees` and `acquirer`. The id is derived from those three, so posting
 * never has to look an account up. Balances are sums of lines, never stored here.
 */
export const ledgerAccounts = pgTable("ledger_accounts", {
  id: text().primaryKey(),
  merchantId: text().references(() => merchants.id),
  currency: text().$type<Currency>().notNull(),
  kind: text({ enum: ledgerAccountKinds }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;

export const ledgerEntryTypes = ["payment", "refund", "refund_failure", "release", "settlement", "adjustment"] as const;
export type LedgerEntryType = (typeof ledgerEntryTypes)[number];

/**
 * Journal entries: immutable (a trigger refuses UPDATE and DELETE), at most one per (type,
 * source), so a rerun after a crash cannot post twice. Every type but `release` (pending →
 * available, internal) is a merchant's balance transaction with its amount, fee and net.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: text().primaryKey(),
    type: text({ enum: ledgerEntryTypes }).notNull(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    currency: text().$type<Currency>().notNull(),
    /** The payment, refund or settlement the entry records. */
    sourceId: text().notNull(),
    /** The payment whose net the entry moves (payment, refund, refund failure, release). */
    paymentId: text(),
    amount: bigint({ mode: "number" }).notNull(),
    fee: bigint({ mode: "number" }).notNull(),
    net: bigint({ mode: "number" }).notNull(),
    availableOn: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("ledger_entries_type_source_idx").on(t.type, t.sourceId),
    index("ledger_entries_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("ledger_entries_payment_idx").on(t.paymentId),
  ],
);
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;

/**
 * The lines of a journal entry: each debits or credits one account. A deferred constraint
 * trigger checks at commit that every entry's debits equal its credits in one currency.
 */
export const ledgerLines = pgTable(
  "ledger_lines",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    entryId: text()
      .notNull()
      .references(() => ledgerEntries.id),
    accountId: text()
      .notNull()
      .references(() => ledgerAccounts.id),
    debit: bigint({ mode: "number" }).notNull().default(0),
    credit: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    index("ledger_lines_entry_idx").on(t.entryId),
    index("ledger_lines_account_idx").on(t.accountId),
    check("ledger_lines_one_side", sql`${t.debit} >= 0 and ${t.credit} >= 0 and (${t.debit} = 0) <> (${t.credit} = 0)`),
  ],
);
export type LedgerLineRow = typeof ledgerLines.$inferSelect;
