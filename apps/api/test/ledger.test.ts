import type { Currency } from "@paygate/contracts";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerAccounts, ledgerEntries, ledgerLines, payments } from "../src/db/schema/index.js";
import { withTransaction } from "../src/services/context.js";
import {
  type JournalEntry,
  merchantAccount,
  platformAccount,
  postEntry,
  UnbalancedEntryError,
} from "../src/services/ledger/journal.js";
import { keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { advanceClock } from "./money-helpers.js";
import { capturedPayment, capturedPaymentIn, createRefund, settledRefund } from "./payment-helpers.js";

const DAY_MS = 86_400_000;
/** The simulator's card whose refunds fail at the acquirer (SPEC §13). */
const FAILING_REFUNDS_CARD = "4000000000005126";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const get = async (path: string, m = merchant) => (await (await api.request(path, { auth: keyAuth(m) })).json()).data;
const balanceOf = async (m: MerchantCredentials, currency = "INR") => {
  const { balances } = await get("/api/v1/balance", m);
  return balances.find((row: { currency: string }) => row.currency === currency) ?? { currency, available: 0, pending: 0 };
};
const transactionsFor = async (sourceId: string, m = merchant) =>
  (await get(`/api/v1/balance/transactions?source_id=${sourceId}`, m)).items;

/** The lines of every entry about one payment, as `account: ±amount` (debits negative). */
async function linesOf(paymentId: string) {
  const rows = await api.runtime.ctx.db
    .select({ type: ledgerEntries.type, account: ledgerLines.accountId, debit: ledgerLines.debit, credit: ledgerLines.credit })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerLines.entryId, ledgerEntries.id))
    .where(eq(ledgerEntries.paymentId, paymentId))
    .orderBy(asc(ledgerLines.id));
  return rows.map(
    (row) => `${row.type} ${row.account.replace(/^mer_\w+/, "merchant")} ${row.credit ? `+${row.credit}` : `-${row.debit}`}`,
  );
}

describe("the posting function", () => {
  const entry = (lines: JournalEntry["lines"], currency: Currency = "INR"): JournalEntry => ({
    type: "adjustment" as const,
    merchantId: merchant.merchant_id,
    currency,
    sourceId: `adj_test_${Math.random().toString(36).slice(2)}`,
    amount: 0,
    fee: 0,
    net: 0,
    availableOn: api.runtime.ctx.clock.now(),
    lines,
  });
  const account = () => merchantAccount(merchant.merchant_id, "INR", "available");

  it("rejects an unbalanced entry, a mixed-currency entry and a line that is not one positive side", async () => {
    const ctx = api.runtime.ctx;
    const post = (value: JournalEntry) => withTransaction(ctx, (tx) => postEntry(tx, value));
    await expect(
      post(
        entry([
          { account: account(), credit: 100 },
          { account: platformAccount("INR", "acquirer"), debit: 99 },
        ]),
      ),
    ).rejects.toThrow(UnbalancedEntryError);
    await expect(
      post(
        entry([
          { account: account(), credit: 100 },
          { account: platformAccount("JPY", "acquirer"), debit: 100 },
        ]),
      ),
    ).rejects.toThrow(/currency/);
    await expect(post(entry([{ account: account(), credit: 100, debit: 100 }]))).rejects.toThrow(UnbalancedEntryError);
    await expect(
      post(
        entry([
          { account: account(), credit: 0.5 },
          { account: platformAccount("INR", "acquirer"), debit: 0.5 },
        ]),
      ),
    ).rejects.toThrow(UnbalancedEntryError);
    await expect(
      post(
        entry([
          { account: account(), credit: -5 },
          { account: platformAccount("INR", "acquirer"), credit: 5 },
        ]),
      ),
    ).rejects.toThrow(UnbalancedEntryError);
    const [{ n }] = (await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.type, "adjustment"))) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("the database refuses, at commit, an entry whose lines do not balance, even written past the function", async () => {
    const { db } = api.runtime.ctx;
    const sourceId = "adj_raw_unbalanced";
    const attempt = db.transaction(async (tx) => {
      await tx
        .insert(ledgerAccounts)
        .values({
          id: `${merchant.merchant_id}:INR:available`,
          merchantId: merchant.merchant_id,
          currency: "INR",
          kind: "available",
        })
        .onConflictDoNothing();
      await tx.insert(ledgerEntries).values({
        id: "txn_rawunbalanced01",
        type: "adjustment",
        merchantId: merchant.merchant_id,
        currency: "INR",
        sourceId,
        amount: 0,
        fee: 0,
        net: 0,
        availableOn: new Date(),
        createdAt: new Date(),
      });
      await tx
        .insert(ledgerLines)
        .values({ entryId: "txn_rawunbalanced01", accountId: `${merchant.merchant_id}:INR:available`, credit: 100 });
    });
    await expect(attempt).rejects.toThrow();
    expect(await db.select().from(ledgerEntries).where(eq(ledgerEntries.sourceId, sourceId))).toEqual([]);
  });

  it("journal lines and entries cannot be updated or deleted", async () => {
    const { payment } = await capturedPayment(api, merchant, 1000);
    const { db } = api.runtime.ctx;
    const [entry] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.sourceId, payment.id));
    expect(entry).toBeDefined();
    const ofEntry = eq(ledgerLines.entryId, entry?.id ?? "");
    await expect(db.update(ledgerLines).set({ credit: 1 }).where(ofEntry)).rejects.toThrow();
    await expect(db.delete(ledgerLines).where(ofEntry)).rejects.toThrow();
    expect(await db.select().from(ledgerLines).where(ofEntry)).toHaveLength(3);
    await expect(db.update(ledgerEntries).set({ amount: 1 }).where(eq(ledgerEntries.sourceId, payment.id))).rejects.toThrow();
    await expect(db.delete(ledgerEntries).where(eq(ledgerEntries.sourceId, payment.id))).rejects.toThrow();
  });
});

describe("capture, refund and refund failure", () => {
  it("a capture posts gross, fee and net in one entry; the net is pending until available_on", async () => {
    const m = await api.registerMerchant();
    const { payment } = await capturedPayment(api, m, 10_000);
    expect(await linesOf(payment.id)).toEqual([
      "payment platform:INR:acquirer -10000",
      "payment merchant:INR:pending +9800",
      "payment platform:INR:fees +200",
    ]);
    expect(await balanceOf(m)).toEqual({ currency: "INR", available: 0, pending: 9800 });
    const [txn] = await transactionsFor(payment.id, m);
    expect(txn).toMatchObject({
      type: "payment",
      source_id: payment.id,
      amount: 10_000,
      fee: 200,
      net: 9800,
      currency: "INR",
      status: "pending",
    });
    expect(txn.id).toMatch(/^txn_/);
    const [row] = await api.runtime.ctx.db
      .select({ capturedAt: payments.capturedAt })
      .from(payments)
      .where(eq(payments.id, payment.id));
    expect(new Date(txn.available_on).getTime()).toBe((row?.capturedAt?.getTime() ?? Number.NaN) + 2 * DAY_MS);
  });

  it("a refund before available_on comes out of pending; one after, out of available", async () => {
    const m = await api.registerMerchant();
    const { payment } = await capturedPayment(api, m, 10_000);
    const early = await createRefund(api, m, payment.id, 3000);
    expect(await balanceOf(m)).toEqual({ currency: "INR", available: 0, pending: 6800 });
    const [earlyTxn] = await transactionsFor(early.id, m);
    expect(earlyTxn).toMatchObject({ type: "refund", amount: -3000, fee: 0, net: -3000, status: "pending" });
    const [paymentTxn] = await transactionsFor(payment.id, m);
    expect(earlyTxn.available_on).toBe(paymentTxn.available_on);

    await advanceClock(api, m, (2 * DAY_MS) / 1000 + 1);
    const late = await createRefund(api, m, payment.id, 1000);
    // The payment's net (less the early refund) moved to available first; the late refund left from there.
    expect(await balanceOf(m)).toEqual({ currency: "INR", available: 5800, pending: 0 });
    const [lateTxn] = await transactionsFor(late.id, m);
    expect(lateTxn).toMatchObject({ type: "refund", amount: -1000, net: -1000, status: "available" });
    expect(await linesOf(payment.id)).toEqual([
      "payment platform:INR:acquirer -10000",
      "payment merchant:INR:pending +9800",
      "payment platform:INR:fees +200",
      "refund merchant:INR:pending -3000",
      "refund platform:INR:acquirer +3000",
      "release merchant:INR:pending -6800",
      "release merchant:INR:available +6800",
      "refund merchant:INR:available -1000",
      "refund platform:INR:acquirer +1000",
    ]);
    expect((await transactionsFor(payment.id, m))[0].status).toBe("available");
  });

  it("refunds do not return the fee: a full refund leaves the fee as a negative balance", async () => {
    const m = await api.registerMerchant();
    const { payment } = await capturedPayment(api, m, 5000);
    await createRefund(api, m, payment.id);
    expect(await balanceOf(m)).toEqual({ currency: "INR", available: 0, pending: -100 });
  });

  it("a failed refund is reversed by a refund_failure transaction", async () => {
    const m = await api.registerMerchant();
    const payment = await capturedPaymentIn(api, m, 10_000, "INR", FAILING_REFUNDS_CARD);
    const refund = await createRefund(api, m, payment.id, 4321);
    expect((await settledRefund(api, m, refund.id)).status).toBe("failed");
    expect(await balanceOf(m)).toEqual({ currency: "INR", available: 0, pending: 9800 });
    const transactions = await transactionsFor(refund.id, m);
    expect(transactions.map((txn: { type: string; amount: number; net: number }) => [txn.type, txn.amount, txn.net])).toEqual([
      ["refund_failure", 4321, 4321],
      ["refund", -4321, -4321],
    ]);
    expect((await linesOf(payment.id)).slice(-2)).toEqual([
      "refund_failure merchant:INR:pending +4321",
      "refund_failure platform:INR:acquirer -4321",
    ]);
  });
});

describe("GET /balance/transactions", () => {
  it("filters by type, currency and source_id, newest first, and refuses bad filters", async () => {
    const m = await api.registerMerchant();
    const inr = await capturedPaymentIn(api, m, 20_000, "INR");
    const jpy = await capturedPaymentIn(api, m, 1_525, "JPY");
    const refund = await createRefund(api, m, jpy.id, 500);
    const all = (await get("/api/v1/balance/transactions", m)).items;
    expect(all.map((txn: { source_id: string }) => txn.source_id)).toEqual([refund.id, jpy.id, inr.id]);
    expect((await get("/api/v1/balance/transactions?type=refund", m)).items.map((txn: { id: string }) => txn.id)).toEqual([
      all[0].id,
    ]);
    const yen = (await get("/api/v1/balance/transactions?currency=JPY", m)).items;
    expect(yen.map((txn: { type: string; fee: number; net: number }) => [txn.type, txn.fee, txn.net])).toEqual([
      ["refund", 0, -500],
      ["payment", 31, 1494],
    ]);
    expect((await get(`/api/v1/balance/transactions?source_id=${inr.id}`, m)).items).toHaveLength(1);
    expect((await get("/api/v1/balance/transactions?limit=1", m)).has_more).toBe(true);
    // Another merchant sees none of them.
    expect((await get(`/api/v1/balance/transactions?source_id=${inr.id}`)).items).toEqual([]);
    for (const query of ["type=release", "type=bogus", "currency=jpy", "source_id=order_abcdefghijkl", "nope=1"]) {
      const response = await api.request(`/api/v1/balance/transactions?${query}`, { auth: keyAuth(m) });
      expect(response.status, query).toBe(400);
    }
  });
});

describe("balances per currency", () => {
  it("keeps each currency's balance apart", async () => {
    const m = await api.registerMerchant();
    await capturedPaymentIn(api, m, 10_000, "INR");
    await capturedPaymentIn(api, m, 1_500, "JPY");
    await capturedPaymentIn(api, m, 12_345, "KWD");
    const { balances } = await get("/api/v1/balance", m);
    expect(balances).toEqual([
      { currency: "INR", available: 0, pending: 9800 },
      { currency: "JPY", available: 0, pending: 1470 },
      { currency: "KWD", available: 0, pending: 12_098 },
    ]);
    const [row] = await api.runtime.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.merchantId, m.merchant_id), eq(ledgerAccounts.kind, "pending")));
    expect(row?.n).toBe(3);
  });
});
