import { and, count, eq, inArray, lte, or, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  jobs,
  ledgerEntries,
  type OrderRow,
  orders,
  type PaymentRow,
  payments,
  type RefundRow,
  refunds,
} from "../src/db/schema/index.js";
import { createCustomer, saveCard } from "./customer-helpers.js";
import { type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { ledgerProblems } from "./ledger-helpers.js";
import { post } from "./money-helpers.js";
import {
  ACTION_TIMEOUT_S,
  advance,
  amountRefunded,
  authorize,
  type CardKind,
  cancel,
  capture,
  cardNumbers,
  discountChangeable,
  isPayable,
  isSavedCard,
  MODEL_CODE,
  type Model,
  type ModelPayment,
  modelDiscount,
  newModel,
  processNew,
  reachable,
  refundable,
  type SavedCard,
  savedCardNumbers,
  settleRefund,
} from "./money-model.js";

/**
 * Model-based test of the money lifecycle (issue 10): random sequences of orders, payments
 * (automatic and manual capture, 3-D Secure, declines, card 5126, and a customer's saved cards
 * charged by the merchant: issue 13), captures, voids, cancels,
 * refunds, clock advances and worker crashes run against the real API and database, beside the
 * in-memory model of ./money-model.ts. After every step the invariants below must hold and the
 * database must say what the model says. fast-check prints the seed and the shrunk sequence of a
 * failure; rerun it with MODEL_SEED=<seed> (and MODEL_PATH=<path>).
 */

const RUNS = Number(process.env.MODEL_RUNS ?? 200);

let api: TestApi;
let merchant: MerchantCredentials;
/** The run's customer: every order is theirs, so their saved cards may pay any of them. */
let customerId: string;
const savedCardIds = {} as Record<SavedCard, string>;
beforeAll(async () => {
  api = await startTestApi({ TEST_PROCESSING_DELAY: "0", JOB_LEASE_MS: "2000" });
  merchant = await api.registerMerchant();
  const code = await post(api, merchant, "/discounts", { code: MODEL_CODE.code, type: "percentage", value: MODEL_CODE.bps });
  expect(code.status).toBe(201);
  customerId = (await createCustomer(api, merchant)).id;
  for (const [kind, number] of Object.entries(savedCardNumbers) as [SavedCard, string][]) {
    savedCardIds[kind] = (await saveCard(api, merchant, customerId, number)).id;
  }
});
afterAll(() => api?.close());

interface Real {
  api: TestApi;
  merchant: MerchantCredentials;
  /** The last status seen per payment: statuses may only move forward. */
  seen: Map<string, string>;
}

/** What the database holds for the run's objects, read after the workers settled. */
interface Snapshot {
  orders: OrderRow[];
  payments: PaymentRow[];
  refunds: RefundRow[];
}

type Invariant = (snapshot: Snapshot, model: Model, real: Real) => void | Promise<void>;

/** Per order: at most one captured payment, amount_paid ≤ amount, and paid means paid once in full. */
const oneCapturePerOrder: Invariant = ({ orders: rows, payments: pays }) => {
  for (const order of rows) {
    const captured = pays.filter((p) => p.orderId === order.id && p.captured);
    expect(captured.length, `order ${order.id} captures`).toBeLessThanOrEqual(1);
    expect(order.amountPaid).toBeLessThanOrEqual(order.amount);
    if (order.status === "paid") expect([captured.length, order.amountPaid]).toEqual([1, order.amount - order.discountAmount]);
    else expect([captured.length, order.amountPaid]).toEqual([0, 0]);
    // A closed order leaves no authorization hanging.
    if (order.status === "paid" || order.status === "cancelled") {
      expect(pays.filter((p) => p.orderId === order.id && p.status === "authorized")).toEqual([]);
    }
  }
};

/** Per payment: Σ non-failed refunds ≤ captured; amount_refunded = Σ processed refunds. */
const refundsWithinCaptured: Invariant = ({ payments: pays, refunds: rows }) => {
  for (const payment of pays) {
    const mine = rows.filter((r) => r.paymentId === payment.id);
    if (mine.length > 0) expect(payment.captured).toBe(true);
    const committed = mine.filter((r) => r.status !== "failed").reduce((sum, r) => sum + r.amount, 0);
    expect(committed).toBeLessThanOrEqual(payment.amount);
    expect(payment.amountRefunded).toBe(mine.filter((r) => r.status === "processed").reduce((sum, r) => sum + r.amount, 0));
  }
};

/** Every payment status is reachable by SPEC's transitions from the last one seen. */
const statusesMoveForward: Invariant = ({ payments: pays }, _model, real) => {
  for (const payment of pays) {
    const before = real.seen.get(payment.id) ?? "pending";
    expect(reachable(before, payment.status), `${payment.id}: ${before} → ${payment.status}`).toBe(true);
    real.seen.set(payment.id, payment.status);
  }
};

/** The database says what the model says. */
const agreesWithModel: Invariant = (snapshot, model) => {
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  const dbOrders = byId(snapshot.orders);
  const dbPayments = byId(snapshot.payments);
  const dbRefunds = byId(snapshot.refunds);
  for (const order of model.orders) {
    expect(dbOrders.get(order.id), order.id).toMatchObject({
      status: order.status,
      amountPaid: order.amountPaid,
      discountAmount: order.discount,
    });
  }
  for (const payment of model.payments) {
    expect(dbPayments.get(payment.id), payment.id).toMatchObject({
      status: payment.status,
      errorCode: payment.errorCode,
      amountRefunded: amountRefunded(payment),
    });
    for (const refund of payment.refunds) expect(dbRefunds.get(refund.id), refund.id).toMatchObject({ status: refund.status });
  }
};

/**
 * The ledger: the trial balance is balanced per currency; each balance (pending + available) is
 * Σ captured net − Σ refunds + Σ failed refunds − Σ settled per currency; and the journal holds
 * exactly one capture entry per captured payment, one refund entry per refund and one reversal
 * per failed refund — no money movement unposted, none posted twice.
 */
const ledgerAgrees: Invariant = async ({ payments: pays, refunds: refs }, _model, real) => {
  expect(await ledgerProblems(real.api)).toEqual([]);
  const ids = [...pays.map((p) => p.id), ...refs.map((r) => r.id)];
  if (ids.length === 0) return;
  const posted = await real.api.runtime.database.db
    .select({ type: ledgerEntries.type, sourceId: ledgerEntries.sourceId })
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.sourceId, ids), inArray(ledgerEntries.type, ["payment", "refund", "refund_failure"])));
  const expected = [
    ...pays.filter((p) => p.captured).map((p) => `payment ${p.id}`),
    ...refs.map((r) => `refund ${r.id}`),
    ...refs.filter((r) => r.status === "failed").map((r) => `refund_failure ${r.id}`),
  ];
  expect(posted.map((entry) => `${entry.type} ${entry.sourceId}`).sort()).toEqual(expected.sort());
};

/** Checked after every step. */
const invariants: Invariant[] = [oneCapturePerOrder, refundsWithinCaptured, statusesMoveForward, agreesWithModel, ledgerAgrees];

/** Waits until no job due by the clock is pending and none is running: the workers are done. */
async function settle(real: Real) {
  const db = real.api.runtime.database.db;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const now = real.api.runtime.ctx.clock.now();
    const [row] = await db
      .select({ n: count() })
      .from(jobs)
      .where(or(and(eq(jobs.status, "pending"), lte(jobs.runAt, now)), eq(jobs.status, "processing")));
    if ((row?.n ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error("the workers did not settle within 10 s");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function snapshot(real: Real, model: Model): Promise<Snapshot> {
  const db = real.api.runtime.database.db;
  const orderIds = model.orders.map((order) => order.id);
  if (orderIds.length === 0) return { orders: [], payments: [], refunds: [] };
  const orderRows = await db.select().from(orders).where(inArray(orders.id, orderIds));
  const paymentRows = await db.select().from(payments).where(inArray(payments.orderId, orderIds));
  const paymentIds = paymentRows.map((p) => p.id);
  const refundRows = paymentIds.length === 0 ? [] : await db.select().from(refunds).where(inArray(refunds.paymentId, paymentIds));
  return { orders: orderRows, payments: paymentRows, refunds: refundRows };
}

async function checkAll(model: Model, real: Real) {
  await settle(real);
  const snap = await snapshot(real, model);
  for (const invariant of invariants) await invariant(snap, model, real);
}

async function call(real: Real, path: string, json?: unknown) {
  const response = await post(real.api, real.merchant, path, json);
  const body = await response.json();
  return { status: response.status, body };
}

type Command = fc.AsyncCommand<Model, Real>;
const pick = <T>(items: T[], index: number): T | undefined => items[index % Math.max(1, items.length)];

class CreateOrder implements Command {
  constructor(readonly amount: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { status, body } = await call(real, "/orders", { amount: this.amount, customer_id: customerId });
    expect(status).toBe(201);
    model.orders.push({ id: body.data.id, amount: this.amount, status: "created", amountPaid: 0, discount: 0 });
    await checkAll(model, real);
  }
  toString = () => `order(${this.amount})`;
}

class Pay implements Command {
  constructor(
    readonly orderIndex: number,
    readonly card: CardKind,
    readonly captureMode: "automatic" | "manual",
  ) {}
  check = (model: Readonly<Model>) => model.orders.length > 0;
  async run(model: Model, real: Real) {
    const order = pick(model.orders, this.orderIndex);
    if (!order) return;
    const source = isSavedCard(this.card)
      ? { payment_method: savedCardIds[this.card] }
      : { method: "card", card: { number: cardNumbers[this.card], expiry: "12/34", cvv: "123" } };
    const { status, body } = await call(real, "/payments", { order_id: order.id, ...source, capture: this.captureMode });
    if (!isPayable(order)) {
      expect([status, body.exception?.type]).toEqual([409, "order_not_payable"]);
      return checkAll(model, real);
    }
    expect(status).toBe(201);
    if (order.status === "created") order.status = "attempted";
    const payment: ModelPayment = {
      id: body.data.id,
      order,
      amount: order.amount - order.discount - order.amountPaid,
      card: this.card,
      capture: this.captureMode,
      status: "requires_action",
      errorCode: null,
      since: model.now,
      refunds: [],
    };
    model.payments.push(payment);
    processNew(model, payment);
    await checkAll(model, real);
  }
  toString = () => `pay(#${this.orderIndex}, ${this.card}, ${this.captureMode})`;
}

class Authenticate implements Command {
  constructor(
    readonly paymentIndex: number,
    readonly correct: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.payments.length > 0;
  async run(model: Model, real: Real) {
    const payment = pick(model.payments, this.paymentIndex);
    if (!payment) return;
    const { status } = await call(real, `/payments/${payment.id}/public/authenticate`, {
      key: real.merchant.api_key,
      otp: this.correct ? "123456" : "000000",
    });
    if (payment.status !== "requires_action") expect(status).toBe(409);
    else {
      expect(status).toBe(200);
      if (this.correct) authorize(model, payment);
      else Object.assign(payment, { status: "failed", errorCode: "authentication_failed" });
    }
    await checkAll(model, real);
  }
  toString = () => `authenticate(#${this.paymentIndex}, ${this.correct ? "ok" : "wrong"})`;
}

class Capture implements Command {
  constructor(readonly paymentIndex: number) {}
  check = (model: Readonly<Model>) => model.payments.length > 0;
  async run(model: Model, real: Real) {
    const payment = pick(model.payments, this.paymentIndex);
    if (!payment) return;
    const { status, body } = await call(real, `/payments/${payment.id}/capture`);
    if (payment.status === "authorized" && isPayable(payment.order)) {
      expect(status).toBe(200);
      capture(model, payment);
    } else expect([status, body.exception?.type]).toEqual([409, "payment_not_capturable"]);
    await checkAll(model, real);
  }
  toString = () => `capture(#${this.paymentIndex})`;
}

class Void implements Command {
  constructor(readonly paymentIndex: number) {}
  check = (model: Readonly<Model>) => model.payments.length > 0;
  async run(model: Model, real: Real) {
    const payment = pick(model.payments, this.paymentIndex);
    if (!payment) return;
    const { status, body } = await call(real, `/payments/${payment.id}/void`);
    if (payment.status === "authorized") {
      expect(status).toBe(200);
      Object.assign(payment, { status: "voided", errorCode: null });
    } else expect([status, body.exception?.type]).toEqual([409, "payment_not_voidable"]);
    await checkAll(model, real);
  }
  toString = () => `void(#${this.paymentIndex})`;
}

class Cancel implements Command {
  constructor(readonly orderIndex: number) {}
  check = (model: Readonly<Model>) => model.orders.length > 0;
  async run(model: Model, real: Real) {
    const order = pick(model.orders, this.orderIndex);
    if (!order) return;
    const { status, body } = await call(real, `/orders/${order.id}/cancel`);
    if (order.status === "paid") expect([status, body.exception?.type]).toEqual([409, "order_not_cancellable"]);
    else {
      expect(status).toBe(200);
      cancel(model, order);
    }
    await checkAll(model, real);
  }
  toString = () => `cancel(#${this.orderIndex})`;
}

/** The shopper applies (or removes) the model's promo code in the checkout. */
class ApplyDiscount implements Command {
  constructor(
    readonly orderIndex: number,
    readonly remove: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.orders.length > 0;
  async run(model: Model, real: Real) {
    const order = pick(model.orders, this.orderIndex);
    if (!order) return;
    const key = real.merchant.api_key;
    const response = this.remove
      ? await real.api.request(`/api/v1/checkout/orders/${order.id}/discount?key=${key}`, { method: "DELETE" })
      : await real.api.request(`/api/v1/checkout/orders/${order.id}/discount`, {
          method: "POST",
          json: { key, code: MODEL_CODE.code.toLowerCase() },
        });
    const body = await response.json();
    // Removing a code from an order without one changes nothing, whatever the order's state.
    if (this.remove && order.discount === 0) expect(response.status).toBe(200);
    else if (!discountChangeable(model, order))
      expect([response.status, body.exception?.type]).toEqual([409, "order_not_payable"]);
    else {
      expect(response.status).toBe(200);
      order.discount = this.remove ? 0 : modelDiscount(order.amount);
      expect(body.data.order).toMatchObject({ amount_due: order.amount - order.discount - order.amountPaid });
    }
    await checkAll(model, real);
  }
  toString = () => `${this.remove ? "remove" : "apply"}Discount(#${this.orderIndex})`;
}

/** `share` of what remains, in thousandths; 0 asks for the default (everything that remains). */
class Refund implements Command {
  constructor(
    readonly paymentIndex: number,
    readonly share: number,
  ) {}
  check = (model: Readonly<Model>) => model.payments.length > 0;
  async run(model: Model, real: Real) {
    const payment = pick(model.payments, this.paymentIndex);
    if (!payment) return;
    const remaining = refundable(payment);
    // Over 1000 asks for one more than remains: must be refused.
    const amount =
      this.share === 0 ? undefined : this.share > 1000 ? remaining + 1 : Math.max(1, Math.floor((remaining * this.share) / 1000));
    const { status, body } = await call(real, `/payments/${payment.id}/refunds`, amount === undefined ? {} : { amount });
    const wanted = amount ?? remaining;
    if (payment.status === "captured" && wanted >= 1 && wanted <= remaining) {
      expect(status).toBe(201);
      const refund = { id: body.data.id as string, amount: wanted, status: "pending" as const };
      payment.refunds.push(refund);
      settleRefund(payment, refund);
    } else expect(status).toBe(409);
    await checkAll(model, real);
  }
  toString = () => `refund(#${this.paymentIndex}, ${this.share}‰)`;
}

class AdvanceClock implements Command {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { status } = await call(real, "/test/clock/advance", { seconds: this.seconds });
    expect(status).toBe(200);
    advance(model, this.seconds);
    await checkAll(model, real);
  }
  toString = () => `advance(${this.seconds}s)`;
}

/**
 * A worker crash: the pool stops, and every job of this run it had finished is delivered again,
 * as if its worker had died after committing but before marking the job done. Nothing may change.
 */
class CrashWorkers implements Command {
  check = (model: Readonly<Model>) => model.payments.length > 0;
  async run(model: Model, real: Real) {
    const { workers, database } = real.api.runtime;
    await workers.stop();
    const paymentIds = model.payments.map((p) => p.id);
    const refundIds = model.payments.flatMap((p) => p.refunds.map((r) => r.id));
    await database.db
      .update(jobs)
      .set({ status: "pending", lockedBy: null, lockedUntil: null })
      .where(
        and(
          eq(jobs.status, "completed"),
          or(
            inArray(sql`${jobs.payload}->>'payment_id'`, paymentIds),
            refundIds.length > 0 ? inArray(sql`${jobs.payload}->>'refund_id'`, refundIds) : sql`false`,
          ),
        ),
      );
    await workers.start();
    await checkAll(model, real);
  }
  toString = () => "crash-workers";
}

// No sum of these is exactly 15 minutes or (within a run's few commands) 120 hours, so no
// deadline falls on a boundary where a second of real time would decide the outcome.
const ADVANCES = [600, 1200, 7200, 61 * 3600, 130 * 3600];
const index = fc.nat({ max: 3 });
const pay = fc
  .tuple(
    index,
    fc.constantFrom<CardKind>(
      "success",
      "success",
      "three_ds",
      "declined",
      "refunds_fail",
      "saved_success",
      "saved_three_ds",
      "saved_mit_declined",
      "saved_refunds_fail",
    ),
    fc.constantFrom("automatic" as const, "manual" as const),
  )
  .map(([order, card, mode]) => new Pay(order, card, mode));

const applyDiscount = fc
  .tuple(index, fc.constantFrom(false, false, true))
  .map(([order, remove]) => new ApplyDiscount(order, remove));

// Paying is listed thrice and capturing twice: most interesting states need a few payments.
const commands = [
  fc.integer({ min: 1, max: 100_000 }).map((amount) => new CreateOrder(amount)),
  pay,
  pay,
  pay,
  index.map((payment) => new Capture(payment)),
  fc.tuple(index, fc.boolean()).map(([payment, correct]) => new Authenticate(payment, correct)),
  index.map((payment) => new Capture(payment)),
  index.map((payment) => new Void(payment)),
  index.map((order) => new Cancel(order)),
  fc.tuple(index, fc.constantFrom(0, 1, 300, 500, 1000, 1001)).map(([payment, share]) => new Refund(payment, share)),
  fc.constantFrom(...ADVANCES).map((seconds) => new AdvanceClock(seconds)),
  // Applying is listed twice (and removing is the rarer choice) so a discounted order often gets paid.
  applyDiscount,
  applyDiscount,
  fc.constant(new CrashWorkers()),
];

describe("the money lifecycle against its model", () => {
  it(`holds its invariants over ${RUNS} random command sequences`, async () => {
    expect(ACTION_TIMEOUT_S % 600).not.toBe(0); // the advances above never land on the 3-D Secure deadline
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 14, size: "max" }), async (sequence) => {
        const real: Real = { api, merchant, seen: new Map() };
        const model = newModel();
        // Two orders to start with, so the first commands already have something to act on.
        const setup = async () => {
          for (const amount of [1000, 2500]) {
            const { status, body } = await call(real, "/orders", { amount, customer_id: customerId });
            expect(status).toBe(201);
            model.orders.push({ id: body.data.id, amount, status: "created", amountPaid: 0, discount: 0 });
          }
          return { model, real };
        };
        await fc.asyncModelRun(setup, sequence);
        if (process.env.MODEL_DEBUG) console.log(String(sequence), model.payments.map((p) => p.status).join(","));
      }),
      {
        numRuns: RUNS,
        ...(process.env.MODEL_SEED ? { seed: Number(process.env.MODEL_SEED), path: process.env.MODEL_PATH } : {}),
      },
    );
  }, 600_000);
});
