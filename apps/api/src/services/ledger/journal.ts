/**
 * The journal: the one function that writes ledger entries, and the accounts it writes to.
 *
 * What we took from TigerBeetle, Formance and Stripe:
 * - TigerBeetle: accounts on a "ledger" (here: a currency) move money only through immutable
 *   transfers; Σ debits_posted = Σ credits_posted over all accounts; a mistake is reversed by a
 *   correcting transfer, never edited. We keep debit/credit lines and check the sums at commit.
 * - Formance: balances are derived from the postings, never stored; one transaction groups
 *   several postings atomically (a capture moves gross, fee and net in one entry).
 * - Stripe balance transactions: each entry a merchant sees has type, source, amount, fee,
 *   net = amount − fee and `available_on`; pending vs available is a property of time.
 */
import type { Currency } from "@paygate/contracts";
import { eq, sql } from "drizzle-orm";
import {
  type LedgerAccountKind,
  type LedgerEntryType,
  ledgerAccounts,
  ledgerEntries,
  ledgerLines,
} from "../../db/schema/index.js";
import { newId } from "../../lib/ids.js";
import type { ServiceContext, TxContext } from "../context.js";

/** The accounts of one merchant in one currency, and the platform's in that currency. */
export type MerchantAccountKind = Extract<LedgerAccountKind, "pending" | "available" | "settled">;
export type PlatformAccountKind = Extract<LedgerAccountKind, "fees" | "acquirer">;

export interface AccountRef {
  /** A merchant id, or null for the platform's own accounts. */
  merchantId: string | null;
  currency: Currency;
  kind: LedgerAccountKind;
}

export const merchantAccount = (merchantId: string, currency: Currency, kind: MerchantAccountKind): AccountRef => ({
  merchantId,
  currency,
  kind,
});
export const platformAccount = (currency: Currency, kind: PlatformAccountKind): AccountRef => ({
  merchantId: null,
  currency,
  kind,
});

/** Account ids are derived, so posting never looks an account up: `mer_x:INR:pending`, `platform:INR:fees`. */
export function accountId(account: AccountRef): string {
  return `${account.merchantId ?? "platform"}:${account.currency}:${account.kind}`;
}

export interface JournalLine {
  account: AccountRef;
  debit?: number;
  credit?: number;
}

/**
 * A line moving `amount` into (positive) or out of (negative) an account whose balance is
 * credits − debits (the merchant's balances, fees). Zero moves nothing and gives no line.
 */
export function creditLine(account: AccountRef, amount: number): JournalLine[] {
  if (amount === 0) return [];
  return [amount > 0 ? { account, credit: amount } : { account, debit: -amount }];
}

/** A line for the acquirer account, whose balance is debits − credits (money the acquirer holds for us). */
export function debitLine(account: AccountRef, amount: number): JournalLine[] {
  if (amount === 0) return [];
  return [amount > 0 ? { account, debit: amount } : { account, credit: -amount }];
}

export interface JournalEntry {
  type: LedgerEntryType;
  merchantId: string;
  currency: Currency;
  sourceId: string;
  paymentId?: string | null;
  amount: number;
  fee: number;
  net: number;
  availableOn: Date;
  lines: JournalLine[];
}

export class UnbalancedEntryError extends Error {}

const isMinorUnits = (value: number | undefined) => value !== undefined && Number.isSafeInteger(value) && value > 0;

/** Refuses an entry that does not balance, mixes currencies, or has a line that is not one positive side. */
export function assertBalanced(entry: Pick<JournalEntry, "currency" | "lines" | "amount" | "fee" | "net">): void {
  let debits = 0;
  let credits = 0;
  for (const line of entry.lines) {
    if (line.account.currency !== entry.currency) {
      throw new UnbalancedEntryError(`line on ${accountId(line.account)} is not in the entry's currency ${entry.currency}`);
    }
    const hasDebit = line.debit !== undefined && line.debit !== 0;
    const hasCredit = line.credit !== undefined && line.credit !== 0;
    if (hasDebit === hasCredit || !isMinorUnits(hasDebit ? line.debit : line.credit)) {
      throw new UnbalancedEntryError(`line on ${accountId(line.account)} must debit or credit a positive integer amount`);
    }
    debits += line.debit ?? 0;
    credits += line.credit ?? 0;
  }
  if (debits !== credits) throw new UnbalancedEntryError(`debits ${debits} ≠ credits ${credits}`);
  if (entry.net !== entry.amount - entry.fee)
    throw new UnbalancedEntryError(`net ${entry.net} ≠ amount ${entry.amount} − fee ${entry.fee}`);
}

/**
 * Posts one journal entry in the caller's transaction: checks it balances (the database checks
 * again at commit), creates the accounts it touches, writes the entry and its lines. Returns
 * null, writing nothing, when this (type, source) was already posted: a rerun cannot post twice.
 */
export async function postEntry(ctx: TxContext, entry: JournalEntry) {
  assertBalanced(entry);
  const [row] = await ctx.db
    .insert(ledgerEntries)
    .values({
      id: newId("balanceTransaction"),
      type: entry.type,
      merchantId: entry.merchantId,
      currency: entry.currency,
      sourceId: entry.sourceId,
      paymentId: entry.paymentId ?? null,
      amount: entry.amount,
      fee: entry.fee,
      net: entry.net,
      availableOn: entry.availableOn,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing({ target: [ledgerEntries.type, ledgerEntries.sourceId] })
    .returning();
  if (!row) return null;
  if (entry.lines.length === 0) return row;
  const accounts = new Map(entry.lines.map((line) => [accountId(line.account), line.account]));
  await ctx.db
    .insert(ledgerAccounts)
    .values(
      [...accounts].map(([id, account]) => ({
        id,
        merchantId: account.merchantId,
        currency: account.currency,
        kind: account.kind,
      })),
    )
    .onConflictDoNothing({ target: ledgerAccounts.id });
  await ctx.db.insert(ledgerLines).values(
    entry.lines.map((line) => ({
      entryId: row.id,
      accountId: accountId(line.account),
      debit: line.debit ?? 0,
      credit: line.credit ?? 0,
    })),
  );
  return row;
}

/** Σ credits − Σ debits of the selected lines, as SQL (sums of bigint come back as text). */
export const creditsMinusDebits = sql<string>`coalesce(sum(${ledgerLines.credit}) - sum(${ledgerLines.debit}), 0)`;

/** Credits − debits of an account (what a merchant balance or the fees account holds). */
export async function creditBalance(ctx: ServiceContext, account: AccountRef): Promise<number> {
  const [row] = await ctx.db
    .select({ balance: creditsMinusDebits })
    .from(ledgerLines)
    .where(eq(ledgerLines.accountId, accountId(account)));
  return Number(row?.balance ?? 0);
}
