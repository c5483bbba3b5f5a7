import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import {
  authorizedPayment,
  eventTypesFor,
  eventually,
  getJson,
  orderPayments,
  type PaymentView,
  paymentIn,
  post,
  REFUNDS_FAIL_CARD,
} from "./money-helpers.js";
import { createOrder } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const getOrder = (id: string) => getJson<{ status: string; amount_paid: number; amount: number }>(api, merchant, `/orders/${id}`);
const capture = (id: string) => post(api, merchant, `/payments/${id}/capture`);

describe("one captured payment per order", () => {
  it("two manual captures on one order: the second is 409 and the order is paid once", async () => {
    const order = await createOrder(api, merchant, 1000);
    const first = await authorizedPayment(api, merchant, order.id);
    const second = await authorizedPayment(api, merchant, order.id);
    expect((await capture(first.id)).status).toBe(200);
    const refused = await expectError(await capture(second.id), 409, "payment_not_capturable");
    expect(refused.code).toBe(1012);
    expect(await getOrder(order.id)).toMatchObject({ status: "paid", amount_paid: 1000 });
    const statuses = (await orderPayments(api, merchant, order.id)).map((p): [string, string] => [p.id, p.status]);
    expect(new Map(statuses)).toEqual(
      new Map([
        [first.id, "captured"],
        [second.id, "voided"],
      ]),
    );
    expect(await eventTypesFor(api, second.id)).toContain("payment.voided");
  });

  it("a manual authorization captured after an automatic payment paid the order: 409, and it was voided", async () => {
    const order = await createOrder(api, merchant, 1000);
    const manual = await authorizedPayment(api, merchant, order.id);
    const automatic = await paymentIn(api, merchant, order.id, "captured");
    await expectError(await capture(manual.id), 409, "payment_not_capturable");
    const after = await getJson<PaymentView>(api, merchant, `/payments/${manual.id}`);
    expect(after).toMatchObject({ status: "voided", captured: false, error_code: "order_already_paid" });
    expect(await getOrder(order.id)).toMatchObject({ status: "paid", amount_paid: 1000 });
    expect((await orderPayments(api, merchant, order.id)).filter((p) => p.status === "captured").map((p) => p.id)).toEqual([
      automatic.id,
    ]);
  });

  it("cancel while authorized, then capture: 409 and the order stays cancelled", async () => {
    const order = await createOrder(api, merchant, 1000);
    const manual = await authorizedPayment(api, merchant, order.id);
    const cancelled = await post(api, merchant, `/orders/${order.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(await getJson<PaymentView>(api, merchant, `/payments/${manual.id}`)).toMatchObject({
      status: "voided",
      error_code: "order_cancelled",
    });
    await expectError(await capture(manual.id), 409, "payment_not_capturable");
    expect(await getOrder(order.id)).toMatchObject({ status: "cancelled", amount_paid: 0 });
  });

  it("two captures fired in parallel: exactly one wins", async () => {
    const order = await createOrder(api, merchant, 1000);
    const a = await authorizedPayment(api, merchant, order.id);
    const b = await authorizedPayment(api, merchant, order.id);
    const responses = await Promise.all([capture(a.id), capture(b.id)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const payments = await orderPayments(api, merchant, order.id);
    expect(payments.map((p) => p.status).sort()).toEqual(["captured", "voided"]);
    expect(await getOrder(order.id)).toMatchObject({ status: "paid", amount_paid: 1000 });
  });

  it("a captured payment cannot be captured again, and its paid order cannot be cancelled", async () => {
    const order = await createOrder(api, merchant, 500);
    const manual = await authorizedPayment(api, merchant, order.id);
    expect((await capture(manual.id)).status).toBe(200);
    await expectError(await capture(manual.id), 409, "payment_not_capturable");
    await expectError(await post(api, merchant, `/orders/${order.id}/cancel`), 409, "order_not_cancellable");
  });
});

describe("in-flight payments when the order closes", () => {
  it("a pending payment processed after the order was paid fails order_already_paid; one after a cancel fails order_cancelled", async () => {
    const paused = await startTestApi({}, { startWorkers: false });
    try {
      const m = await paused.registerMerchant();
      const paidOrder = await createOrder(paused, m, 700);
      const cancelledOrder = await createOrder(paused, m, 700);
      const pay = async (orderId: string) =>
        (await (await post(paused, m, "/payments", { order_id: orderId, method: "upi", vpa: "success@paygate" })).json()).data
          .id as string;
      const paidIds = [await pay(paidOrder.id), await pay(paidOrder.id), await pay(paidOrder.id)];
      const cancelledId = await pay(cancelledOrder.id);
      expect((await post(paused, m, `/orders/${cancelledOrder.id}/cancel`)).status).toBe(200);
      await paused.runtime.workers.start();
      const settled = await eventually(async () => {
        const all = await Promise.all([...paidIds, cancelledId].map((id) => getJson<PaymentView>(paused, m, `/payments/${id}`)));
        return all.every((p) => p.status !== "pending") ? all : undefined;
      });
      const forPaid = settled.slice(0, 3);
      expect(forPaid.filter((p) => p.status === "captured")).toHaveLength(1);
      for (const p of forPaid.filter((p) => p.status !== "captured"))
        expect(p).toMatchObject({ status: "failed", error_code: "order_already_paid" });
      expect(settled[3]).toMatchObject({ status: "failed", error_code: "order_cancelled" });
      expect(await getJson(paused, m, `/orders/${paidOrder.id}`)).toMatchObject({ status: "paid", amount_paid: 700 });
    } finally {
      await paused.close();
    }
  });
});

describe("void", () => {
  it("voids an authorized payment once; anything else is 409 payment_not_voidable (1022); Idempotency-Key replays", async () => {
    const order = await createOrder(api, merchant, 900);
    const manual = await authorizedPayment(api, merchant, order.id);
    const key = { "Idempotency-Key": `void-${manual.id}` };
    const voided = await post(api, merchant, `/payments/${manual.id}/void`, undefined, key);
    expect(voided.status).toBe(200);
    expect((await voided.json()).data).toMatchObject({ id: manual.id, status: "voided", captured: false, error_code: null });
    const replay = await post(api, merchant, `/payments/${manual.id}/void`, undefined, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const again = await expectError(await post(api, merchant, `/payments/${manual.id}/void`), 409, "payment_not_voidable");
    expect(again.code).toBe(1022);
    expect(await eventTypesFor(api, manual.id)).toEqual(["payment.authorized", "payment.voided"]);
    await expectError(await capture(manual.id), 409, "payment_not_capturable");
    // The order is still payable: a void releases the hold, it does not close the order.
    const next = await paymentIn(api, merchant, order.id, "captured");
    expect(next.status).toBe("captured");
    const captured = await expectError(await post(api, merchant, `/payments/${next.id}/void`), 409, "payment_not_voidable");
    expect(captured.param).toBe("id");
    await expectError(await post(api, merchant, "/payments/pay_doesnotexist0001/void"), 404, "not_found");
  });

  it("another merchant cannot void the payment", async () => {
    const order = await createOrder(api, merchant, 900);
    const manual = await authorizedPayment(api, merchant, order.id);
    const other = await api.registerMerchant();
    await expectError(await post(api, other, `/payments/${manual.id}/void`), 404, "not_found");
    expect((await getJson<PaymentView>(api, merchant, `/payments/${manual.id}`)).status).toBe("authorized");
  });
});

describe("refunds that fail (card 4000 0000 0000 5126)", () => {
  it("refund.failed with error_code refund_failed, and the amount becomes refundable again", async () => {
    const order = await createOrder(api, merchant, 1200);
    const payment = await paymentIn(api, merchant, order.id, "captured", { card: REFUNDS_FAIL_CARD });
    const first = await post(api, merchant, `/payments/${payment.id}/refunds`, { amount: 1200 });
    expect(first.status).toBe(201);
    const refund = (await first.json()).data;
    expect(refund).toMatchObject({ status: "pending", error_code: null });
    const failed = await eventually(async () => {
      const row = await getJson<{ status: string; error_code: string | null }>(api, merchant, `/refunds/${refund.id}`);
      return row.status === "pending" ? undefined : row;
    });
    expect(failed).toMatchObject({ status: "failed", error_code: "refund_failed" });
    expect(await eventTypesFor(api, payment.id)).toContain("refund.failed");
    expect(await getJson<PaymentView>(api, merchant, `/payments/${payment.id}`)).toMatchObject({
      status: "captured",
      amount_refunded: 0,
    });
    const again = await post(api, merchant, `/payments/${payment.id}/refunds`, { amount: 1200 });
    expect(again.status).toBe(201);
  });
});
