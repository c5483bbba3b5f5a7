import {
  type BalanceTransaction,
  balanceTransactionListQuerySchema,
  balanceTransactionTypes,
  type Currency,
  type CurrencyBalance,
  type TrialBalance,
} from "@paygate/contracts";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { type LedgerEntryRow, ledgerAccounts, ledgerEntries, ledgerLines } from "../../db/schema/index.js";
import type { ServiceContext } from "../context.js";
import { page } from "../serialize.js";
import { creditsMinusDebits } from "./journal.js";

/** `GET /balance`: each currency's available and pending balance, sums of the journal's lines. */
export async function getBalance({ ctx, merchantId }: { ctx: ServiceContext; merchantId: string }) {
  const rows = await ctx.db
    .select({ currency: ledgerAccounts.currency, kind: ledgerAccounts.kind, balance: creditsMinusDebits })
    .from(ledgerAccounts)
    .innerJoin(ledgerLines, eq(ledgerLines.accountId, ledgerAccounts.id))
    .where(and(eq(ledgerAccounts.merchantId, merchantId), inArray(ledgerAccounts.kind, ["pending", "available"])))
    .groupBy(ledgerAccounts.id)
    .orderBy(asc(ledgerAccounts.currency));
  const balances = new Map<string, CurrencyBalance>();
  for (const row of rows) {
    const balance = balances.get(row.currency) ?? { currency: row.currency as Currency, available: 0, pending: 0 };
    balance[row.kind === "pending" ? "pending" : "available"] = Number(row.balance);
    balances.set(row.currency, balance);
  }
  return { balances: [...balances.values()] };
}

export function serializeBalanceTransaction(row: LedgerEntryRow, now: Date): BalanceTransaction {
  if (row.type === "release") throw new Error("a release entry is not a balance transaction");
  return {
    id: row.id,
    type: row.type,
    source_id: row.sourceId,
    amount: row.amount,
    fee: row.fee,
    net: row.net,
    currency: row.currency as Currency,
    status: row.availableOn.getTime() <= now.getTime() ? "available" : "pending",
    available_on: row.availableOn.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}

/** `GET /balance/transactions?type=&currency=&source_id=`: newest first. */
export async function listBalanceTransactions({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof balanceTransactionListQuerySchema>;
}) {
  const { limit, offset, type, currency, source_id: sourceId } = balanceTransactionListQuerySchema.parse(query);
  // Release entries (pending → available) are the ledger's bookkeeping, not a balance transaction.
  const filters: SQL[] = [eq(ledgerEntries.merchantId, merchantId), inArray(ledgerEntries.type, [...balanceTransactionTypes])];
  if (type) filters.push(eq(ledgerEntries.type, type));
  if (currency) filters.push(eq(ledgerEntries.currency, currency));
  if (sourceId) filters.push(eq(ledgerEntries.sourceId, sourceId));
  const rows = await ctx.db
    .select()
    .from(ledgerEntries)
    .where(and(...filters))
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
    .limit(limit + 1)
    .offset(offset);
  const now = ctx.clock.now();
  return page(
    rows.map((row) => serializeBalanceTransaction(row, now)),
    limit,
    offset,
  );
}

/**
 * `GET /admin/ledger/trial-balance`: Σ debits and Σ credits over every line, per currency.
 * They are equal unless a bug got past both the posting function and the commit-time trigger.
 */
export async function trialBalance({ ctx }: { ctx: ServiceContext }): Promise<TrialBalance> {
  const rows = await ctx.db
    .select({
      currency: ledgerAccounts.currency,
      debits: sql<string>`coalesce(sum(${ledgerLines.debit}), 0)`,
      credits: sql<string>`coalesce(sum(${ledgerLines.credit}), 0)`,
    })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerLines.accountId, ledgerAccounts.id))
    .groupBy(ledgerAccounts.currency)
    .orderBy(asc(ledgerAccounts.currency));
  const byCurrency = rows.map((row) => ({
    currency: row.currency,
    debits: Number(row.debits),
    credits: Number(row.credits),
  }));
  return { balanced: byCurrency.every((row) => row.debits === row.credits), by_currency: byCurrency };
}
