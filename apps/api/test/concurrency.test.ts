import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { capturedPayment, createOrder, createPayment, settledPayment } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const refund = (paymentId: string, json: unknown, headers: Record<string, string> = {}) =>
  api.request(`/api/v1/payments/${paymentId}/refunds`, { method: "POST", auth: keyAuth(merchant), json, headers });

describe("idempotency", () => {
  it("50 concurrent identical POST /payments with one key → exactly one payment", async () => {
    const order = await createOrder(api, merchant);
    const body = { order_id: order.id, method: "card", card: { number: "4242424242424242", expiry: "12/34", cvv: "123" } };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => createPayment(api, merchant, body, { "Idempotency-Key": "pay-once-123" })),
    );
    const bodies = await Promise.all(
      responses.map(async (response) => ({ status: response.status, body: await response.json() })),
    );
    const created = bodies.filter((entry) => entry.status === 201);
    for (const entry of bodies) {
      if (entry.status !== 201)
        expect(entry).toMatchObject({ status: 409, body: { exception: { type: "idempotency_in_progress" } } });
    }
    expect(created.length).toBeGreaterThanOrEqual(1);
    const ids = new Set(created.map((entry) => entry.body.data.id));
    expect(ids.size).toBe(1);
    for (const entry of created) expect(entry.body).toEqual(created[0]?.body);
    const payments = (await (await api.request(`/api/v1/orders/${order.id}/payments`, { auth: keyAuth(merchant) })).json()).data;
    expect(payments.items).toHaveLength(1);
    // Replays are marked, and a different body under the same key is refused.
    const replay = await createPayment(api, merchant, body, { "Idempotency-Key": "pay-once-123" });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    await expectError(
      await createPayment(
        api,
        merchant,
        { ...body, method: "upi", card: undefined, vpa: "success@paygate" },
        { "Idempotency-Key": "pay-once-123" },
      ),
      422,
      "idempotency_key_reused",
    );
  });

  it("keys are scoped per merchant", async () => {
    const other = await api.registerMerchant();
    const mine = await api.request("/api/v1/orders", {
      method: "POST",
      auth: keyAuth(merchant),
      json: { amount: 10 },
      headers: { "Idempotency-Key": "shared" },
    });
    const theirs = await api.request("/api/v1/orders", {
      method: "POST",
      auth: keyAuth(other),
      json: { amount: 10 },
      headers: { "Idempotency-Key": "shared" },
    });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("Idempotent-Replayed")).toBeNull();
    expect((await mine.json()).data.id).not.toBe((await theirs.json()).data.id);
  });

  it("a 4xx outcome is stored and replayed too", async () => {
    const first = await refund("pay_doesnotexist0001", { amount: 1 }, { "Idempotency-Key": "refund-404" });
    await expectError(first, 404, "not_found");
    const again = await refund("pay_doesnotexist0001", { amount: 1 }, { "Idempotency-Key": "refund-404" });
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    await expectError(again, 404, "not_found");
  });
});

describe("refunds", () => {
  it("10 concurrent refunds of 60 on a captured 100 → exactly one succeeds", async () => {
    const { payment } = await capturedPayment(api, merchant, 100);
    const responses = await Promise.all(Array.from({ length: 10 }, () => refund(payment.id, { amount: 60 })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 201)) await expectError(response, 409, "refund_exceeds_captured");
    const refunds = (await (await api.request(`/api/v1/refunds?payment_id=${payment.id}`, { auth: keyAuth(merchant) })).json())
      .data;
    expect(refunds.items).toHaveLength(1);
  });

  it("partial then full refund: processed asynchronously, payment becomes refunded", async () => {
    const { payment } = await capturedPayment(api, merchant, 1000);
    const partial = await refund(payment.id, { amount: 300, reason: "one item back" });
    expect(partial.status).toBe(201);
    const { data: first } = await partial.json();
    expect(first).toMatchObject({ amount: 300, status: "pending", reason: "one item back", processed_at: null });
    await expectError(await refund(payment.id, { amount: 701 }), 409, "refund_exceeds_captured");
    const rest = await refund(payment.id, {});
    const { data: second } = await rest.json();
    expect(second.amount).toBe(700);
    // Nothing remains: refused whether the refunds are still pending or already processed.
    const over = await refund(payment.id, { amount: 1 });
    expect(over.status).toBe(409);
    expect(["refund_exceeds_captured", "payment_not_refundable"]).toContain((await over.json()).exception.type);
    const done = await eventually(async () => {
      const { data } = await (await api.request(`/api/v1/payments/${payment.id}`, { auth: keyAuth(merchant) })).json();
      return data.status === "refunded" ? data : undefined;
    });
    expect(done.amount_refunded).toBe(1000);
    const { data: processed } = await (await api.request(`/api/v1/refunds/${first.id}`, { auth: keyAuth(merchant) })).json();
    expect(processed.status).toBe("processed");
    // Processed by the worker after the refund was created, not stamped at creation.
    expect(Date.parse(processed.processed_at)).toBeGreaterThanOrEqual(Date.parse(first.created_at));
    expect(Date.parse(processed.processed_at)).toBeLessThanOrEqual(Date.now());
    await expectError(await refund(payment.id, { amount: 1 }), 409, "payment_not_refundable");
  });

  it("a failed or pending payment cannot be refunded", async () => {
    const order = await createOrder(api, merchant);
    const { data: failed } = await (
      await createPayment(api, merchant, { order_id: order.id, method: "upi", vpa: "failure@paygate" })
    ).json();
    await settledPayment(api, merchant, failed.id, "failed");
    await expectError(await refund(failed.id, {}), 409, "payment_not_refundable");

    const slow = await startTestApi({}, { startWorkers: false });
    try {
      const m = await slow.registerMerchant();
      const pendingOrder = await createOrder(slow, m);
      const { data: pending } = await (
        await createPayment(slow, m, { order_id: pendingOrder.id, method: "upi", vpa: "success@paygate" })
      ).json();
      const response = await slow.request(`/api/v1/payments/${pending.id}/refunds`, {
        method: "POST",
        auth: keyAuth(m),
        json: {},
      });
      await expectError(response, 409, "payment_not_refundable");
    } finally {
      await slow.close();
    }
  });

  it("rejects bad refund input", async () => {
    const { payment } = await capturedPayment(api, merchant, 100);
    for (const body of [
      { amount: 0 },
      { amount: -5 },
      { amount: 1.5 },
      { amount: "10" },
      { status: "processed" },
      { payment_id: "pay_x" },
    ]) {
      await expectError(await refund(payment.id, body), 400, "validation_error");
    }
  });

  it("stats count processed refunds", async () => {
    const m = await api.registerMerchant();
    const { payment } = await capturedPayment(api, m, 800);
    await api.request(`/api/v1/payments/${payment.id}/refunds`, { method: "POST", auth: keyAuth(m), json: { amount: 200 } });
    const stats = await eventually(async () => {
      const { data } = await (await api.request("/api/v1/merchants/stats", { auth: keyAuth(m) })).json();
      return data.successful_refunds === 1 ? data : undefined;
    });
    expect(stats).toMatchObject({ successful_payments: 1, total_volume: 800, refunded_volume: 200, success_rate: 100 });
  });
});
