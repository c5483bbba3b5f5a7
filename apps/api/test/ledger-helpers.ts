import { eq, sql } from "drizzle-orm";
import { ledgerAccounts, ledgerEntries, ledgerLines } from "../src/db/schema/index.js";
import { trialBalance } from "../src/services/ledger/balance.js";
import type { TestApi } from "./helpers.js";

/**
 * The ledger's invariants, read straight from the database (so a test can check them after
 * every step without an admin login): the trial balance is balanced per currency, and each
 * merchant's balance (pending + available) equals Σ net of its balance transactions per
 * currency — Σ captured net − Σ refunds + Σ failed refunds − Σ settled. Returns the problems.
 */
export async function ledgerProblems(api: TestApi): Promise<string[]> {
  const { db } = api.runtime.ctx;
  const problems: string[] = [];
  const trial = await trialBalance({ ctx: api.runtime.ctx });
  for (const row of trial.by_currency) {
    if (row.debits !== row.credits) problems.push(`trial balance ${row.currency}: debits ${row.debits} ≠ credits ${row.credits}`);
  }
  const balances = await db
    .select({
      merchantId: ledgerAccounts.merchantId,
      currency: ledgerAccounts.currency,
      balance: sql<string>`coalesce(sum(${ledgerLines.credit}) - sum(${ledgerLines.debit}), 0)`,
    })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerLines.accountId, ledgerAccounts.id))
    .where(sql`${ledgerAccounts.kind} in ('pending', 'available')`)
    .groupBy(ledgerAccounts.merchantId, ledgerAccounts.currency);
  const nets = await db
    .select({
      merchantId: ledgerEntries.merchantId,
      currency: ledgerEntries.currency,
      net: sql<string>`coalesce(sum(${ledgerEntries.net}), 0)`,
    })
    .from(ledgerEntries)
    .where(sql`${ledgerEntries.type} <> 'release'`)
    .groupBy(ledgerEntries.merchantId, ledgerEntries.currency);
  const key = (merchantId: string | null, currency: string) => `${merchantId}:${currency}`;
  const expected = new Map(nets.map((row) => [key(row.merchantId, row.currency), Number(row.net)]));
  const actual = new Map(balances.map((row) => [key(row.merchantId, row.currency), Number(row.balance)]));
  for (const id of new Set([...expected.keys(), ...actual.keys()])) {
    const want = expected.get(id) ?? 0;
    const have = actual.get(id) ?? 0;
    if (want !== have) problems.push(`balance ${id}: ${have} ≠ Σ net ${want}`);
  }
  return problems;
}
