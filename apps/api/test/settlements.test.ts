import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, jobs } from "../src/db/schema/index.js";
import { createRuntime } from "../src/index.js";
import { nextSettlementTime, runSettlement, scheduleSettlement } from "../src/services/ledger/settlements.js";
import { eventually, expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { ledgerProblems } from "./ledger-helpers.js";
import { advanceClock } from "./money-helpers.js";
import { capturedPaymentIn, createRefund, settledRefund } from "./payment-helpers.js";

const DAY_MS = 86_400_000;
const ADMIN = { email: "ledger-admin@paygate.local", password: "admin-password-1" };
/** The simulator's card whose refunds fail at the acquirer (SPEC §13). */
const FAILING_REFUNDS_CARD = "4000000000005126";

let api: TestApi;
let admin: string;
const now = () => api.runtime.ctx.clock.now();
beforeAll(async () => {
  api = await startTestApi({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  const response = await api.request("/api/v1/auth/token", { method: "POST", json: ADMIN });
  admin = (await response.json()).data.access;
});
afterAll(() => api?.close());

const get = async (path: string, m: MerchantCredentials) => {
  const response = await api.request(path, { auth: keyAuth(m) });
  expect(response.status, path).toBe(200);
  return (await response.json()).data;
};
const trialBalance = async () =>
  (await (await api.request("/api/v1/admin/ledger/trial-balance", { auth: { bearer: admin } })).json()).data;

type Txn = { type: string; currency: string; amount: number; net: number };

/** Every balance transaction of a merchant (all pages). */
async function allTransactions(m: MerchantCredentials): Promise<Txn[]> {
  const items: Txn[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await get(`/api/v1/balance/transactions?limit=100&offset=${offset}`, m);
    items.push(...page.items);
    if (!page.has_more) return items;
  }
}

/** balance (available + pending) = Σ captured net − Σ refunds + Σ failed refunds − Σ settled, per currency. */
async function expectBalanceMatchesTransactions(m: MerchantCredentials) {
  const expected = new Map<string, number>();
  for (const txn of await allTransactions(m)) expected.set(txn.currency, (expected.get(txn.currency) ?? 0) + txn.net);
  const { balances } = await get("/api/v1/balance", m);
  const actual = new Map<string, number>(
    balances.map((row: { currency: string; available: number; pending: number }) => [row.currency, row.available + row.pending]),
  );
  expect(actual).toEqual(expected);
}

describe("daily settlement by ctx.clock", () => {
  let a: MerchantCredentials;
  let b: MerchantCredentials;
  let c: MerchantCredentials;
  let dueAt: Date;

  beforeAll(async () => {
    a = await api.registerMerchant("A");
    b = await api.registerMerchant("B");
    c = await api.registerMerchant("C");
    const aInr = await capturedPaymentIn(api, a, 10_000, "INR"); // net 9800
    await capturedPaymentIn(api, a, 1_500, "JPY"); // net 1470
    await createRefund(api, a, aInr.id, 800); // from pending: 9000 left
    const aRefundFails = await capturedPaymentIn(api, a, 2_000, "INR", FAILING_REFUNDS_CARD); // net 1960
    const failed = await createRefund(api, a, aRefundFails.id, 500);
    expect((await settledRefund(api, a, failed.id)).status).toBe("failed"); // reversed: 1960 again
    await capturedPaymentIn(api, b, 12_345, "KWD"); // net 12098
    const cInr = await capturedPaymentIn(api, c, 5_000, "INR"); // net 4900
    await createRefund(api, c, cInr.id); // refunds 5000 of a 4900 net: -100

    // The first settlement time at least two days after the captures: the first that finds them available.
    dueAt = nextSettlementTime(new Date(now().getTime() + 2 * DAY_MS), 6);
  });

  it("runs once per due time, however many processes schedule it, and settles each positive balance per currency", async () => {
    // What every runtime does at start, here from this one and from a second sharing the database.
    const firstDue = nextSettlementTime(now(), 6);
    const second = await createRuntime(api.config, { database: api.runtime.database, startWorkers: false });
    try {
      const scheduled = await Promise.all([1, 2, 3, 4, 5].map(() => scheduleSettlement(api.runtime.ctx)));
      expect(new Set(scheduled.map((date) => date.toISOString()))).toEqual(new Set([firstDue.toISOString()]));
    } finally {
      await second.close();
    }
    const runJobs = await api.runtime.ctx.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.type, "settlement.run"), sql`${jobs.payload}->>'due_at' = ${firstDue.toISOString()}`));
    expect(runJobs).toHaveLength(1);

    // Move the test clock past the due time: every run in between (finding nothing available
    // yet), the moves to available, then this run, happen in due order.
    await advanceClock(api, a, Math.ceil((dueAt.getTime() - now().getTime()) / 1000) + 1);
    // The run queued the next one, a day later.
    const next = await api.runtime.ctx.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.type, "settlement.run"), eq(jobs.runAt, new Date(dueAt.getTime() + DAY_MS))));
    expect(next).toHaveLength(1);
    const settled = (await get("/api/v1/settlements", a)).items;
    expect(settled).toHaveLength(2);
    const byCurrency = Object.fromEntries(settled.map((s: { currency: string }) => [s.currency, s]));
    expect(byCurrency.INR).toMatchObject({ amount: 10_960, status: "processed", transaction_count: 5 });
    expect(byCurrency.JPY).toMatchObject({ amount: 1470, status: "processed", transaction_count: 1 });
    expect(byCurrency.INR.id).toMatch(/^setl_/);
    expect(new Date(byCurrency.INR.period_end).getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(new Date(byCurrency.INR.period_start).getTime()).toBeLessThan(dueAt.getTime());

    expect(
      (await get("/api/v1/settlements", b)).items.map((s: { currency: string; amount: number }) => [s.currency, s.amount]),
    ).toEqual([["KWD", 12_098]]);
    // A negative balance is not settled.
    expect((await get("/api/v1/settlements", c)).items).toEqual([]);

    expect((await get("/api/v1/balance", a)).balances).toEqual([
      { currency: "INR", available: 0, pending: 0 },
      { currency: "JPY", available: 0, pending: 0 },
    ]);
    expect((await get("/api/v1/balance", c)).balances).toEqual([{ currency: "INR", available: -100, pending: 0 }]);
    const settlementTxns = (await get("/api/v1/balance/transactions?type=settlement", a)).items;
    expect(settlementTxns.map((t: Txn & { source_id: string }) => [t.source_id, t.amount, t.net])).toEqual(
      expect.arrayContaining([
        [byCurrency.INR.id, -10_960, -10_960],
        [byCurrency.JPY.id, -1470, -1470],
      ]),
    );

    // One settlement.processed event per settlement, carrying it.
    const recorded = await api.runtime.ctx.db
      .select({ payload: events.payload })
      .from(events)
      .where(and(eq(events.merchantId, a.merchant_id), eq(events.type, "settlement.processed")));
    expect(recorded.map((row) => row.payload.data)).toEqual(
      expect.arrayContaining([{ settlement: byCurrency.INR }, { settlement: byCurrency.JPY }]),
    );
    expect(recorded).toHaveLength(2);

    for (const m of [a, b, c]) await expectBalanceMatchesTransactions(m);
    expect(await ledgerProblems(api)).toEqual([]);
    const trial = await trialBalance();
    expect(trial.balanced).toBe(true);
    expect(trial.by_currency.map((row: { currency: string }) => row.currency)).toEqual(["INR", "JPY", "KWD"]);
    for (const row of trial.by_currency) expect(row.debits).toBe(row.credits);
  });

  it("a second run settles nothing twice", async () => {
    expect(await runSettlement(api.runtime.ctx)).toEqual([]);
    expect((await get("/api/v1/settlements", a)).items).toHaveLength(2);
  });

  it("another merchant's settlement is 404; a malformed id is 400", async () => {
    const [settlement] = (await get("/api/v1/settlements", b)).items;
    expect((await get(`/api/v1/settlements/${settlement.id}`, b)).id).toBe(settlement.id);
    await expectError(await api.request(`/api/v1/settlements/${settlement.id}`, { auth: keyAuth(a) }), 404, "not_found");
    await expectError(await api.request("/api/v1/settlements/pay_abcdefghijkl", { auth: keyAuth(a) }), 400, "validation_error");
  });
});

describe("concurrent settlement runs", () => {
  it("settle one merchant's balance once, however many run at the same time", async () => {
    const d = await api.registerMerchant("D");
    const payment = await capturedPaymentIn(api, d, 20_000, "INR");
    const [txn] = (await get(`/api/v1/balance/transactions?source_id=${payment.id}`, d)).items;
    // Just past available_on: the net is available, the next daily run not due yet.
    await advanceClock(api, d, Math.ceil((new Date(txn.available_on).getTime() - now().getTime()) / 1000) + 1);
    await Promise.all([1, 2, 3, 4].map(() => runSettlement(api.runtime.ctx)));
    const settled = await eventually(async () => {
      const { items } = await get("/api/v1/settlements", d);
      return items.length > 0 ? items : undefined;
    });
    expect(settled.map((s: { amount: number }) => s.amount)).toEqual([19_600]);
    expect((await get("/api/v1/balance", d)).balances).toEqual([{ currency: "INR", available: 0, pending: 0 }]);
    expect(await ledgerProblems(api)).toEqual([]);
  });
});

describe("fees", () => {
  it("an admin overrides a merchant's fees; the next capture uses them; null returns to the default", async () => {
    const m = await api.registerMerchant();
    const patch = (
      body: unknown,
      auth: { bearer: string } | ReturnType<typeof keyAuth> = { bearer: admin },
      id = m.merchant_id,
    ) => api.request(`/api/v1/admin/merchants/${id}`, { method: "PATCH", auth, json: body });

    await expectError(await patch({ fee_bps: 0 }, keyAuth(m)), 403, "admin_only");
    await expectError(await patch({ fee_bps: 0 }, { bearer: m.access }), 403, "admin_only");
    await expectError(await patch({}), 400, "validation_error");
    await expectError(await patch({ fee_bps: 10_001 }), 400, "validation_error");
    await expectError(await patch({ fee_bps: 1.5 }), 400, "validation_error");
    await expectError(await patch({ fee_bps: 100, surprise: 1 }), 400, "validation_error");
    await expectError(await patch({ fee_bps: 100 }, { bearer: admin }, "mer_doesnotexist00"), 404, "merchant_not_found");

    const response = await patch({ fee_bps: 100, fee_fixed: 5 });
    expect(response.status).toBe(200);
    expect((await response.json()).data).toEqual({ merchant_id: m.merchant_id, fee_bps: 100, fee_fixed: 5, overridden: true });
    const cheaper = await capturedPaymentIn(api, m, 10_050, "INR");
    expect((await get(`/api/v1/balance/transactions?source_id=${cheaper.id}`, m)).items[0]).toMatchObject({
      fee: 106,
      net: 9944,
    });

    expect((await (await patch({ fee_bps: null, fee_fixed: null })).json()).data).toEqual({
      merchant_id: m.merchant_id,
      fee_bps: 200,
      fee_fixed: 0,
      overridden: false,
    });
    const standard = await capturedPaymentIn(api, m, 10_050, "INR");
    expect((await get(`/api/v1/balance/transactions?source_id=${standard.id}`, m)).items[0]).toMatchObject({
      fee: 201,
      net: 9849,
    });
  });

  it("the trial balance is for admins only", async () => {
    const m = await api.registerMerchant();
    await expectError(await api.request("/api/v1/admin/ledger/trial-balance", { auth: keyAuth(m) }), 403, "admin_only");
    await expectError(await api.request("/api/v1/admin/ledger/trial-balance"), 401, "unauthorized");
  });
});
