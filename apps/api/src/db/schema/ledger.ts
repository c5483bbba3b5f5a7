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
  id: text("id").primaryKey(),
  merchantId: text("merchant_id").references(() => merchants.id),
  currency: text("currency").notNull(),
  kind: text("kind", { enum: ledgerAccountKinds }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
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
    id: text("id").primaryKey(),
    type: text("type", { enum: ledgerEntryTypes }).notNull(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    currency: text("currency").notNull(),
    /** The payment, refund or settlement the entry records. */
    sourceId: text("source_id").notNull(),
    /** The payment whose net the entry moves (payment, refund, refund failure, release). */
    paymentId: text("payment_id"),
    amount: bigint("amount", { mode: "number" }).notNull(),
    fee: bigint("fee", { mode: "number" }).notNull(),
    net: bigint("net", { mode: "number" }).notNull(),
    availableOn: timestamp("available_on", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
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
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entryId: text("entry_id").notNull().references(() => ledgerEntries.id),
    accountId: text("account_id").notNull().references(() => ledgerAccounts.id),
    debit: bigint("debit", { mode: "number" }).notNull().default(0),
    credit: bigint("credit", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    index("ledger_lines_entry_idx").on(t.entryId),
    index("ledger_lines_account_idx").on(t.accountId),
    check("ledger_lines_one_side", sql`${t.debit} >= 0 and ${t.credit} >= 0 and (${t.debit} = 0) <> (${t.credit} = 0)`),
  ],
);
export type LedgerLineRow = typeof ledgerLines.$inferSelect;
