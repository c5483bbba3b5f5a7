import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { capturedPayment, createOrder, createPayment, settledPayment } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const card = (number: string, cvv = "123") => ({ method: "card", card: { number, expiry: "12/34", cvv } });

describe("magic cards and VPAs", () => {
  it.each([
    ["4111 1111 1111 1111", "captured", null],
    ["4242424242424242", "captured", null],
    ["5555555555554444", "captured", null],
    ["4000000000000002", "failed", "card_declined"],
    ["4000000000009995", "failed", "insufficient_funds"],
    ["4000000000000069", "failed", "expired_card"],
    ["4000000000000127", "failed", "incorrect_cvc"],
    ["4000000000000119", "failed", "processing_error"],
    ["4000002760003184", "requires_action", null],
  ])("card %s → %s %s", async (number, status, errorCode) => {
    const order = await createOrder(api, merchant);
    const response = await createPayment(api, merchant, { order_id: order.id, ...card(number) });
    expect(response.status).toBe(201);
    const created = (await response.json()).data;
    expect(created).toMatchObject({ status: "pending", amount: order.amount, currency: "INR", method: "card", captured: false });
    expect(created.card.last4).toBe(number.replace(/\s/g, "").slice(-4));
    expect(JSON.stringify(created)).not.toContain(number.replace(/\s/g, ""));
    const settled = await settledPayment(api, merchant, created.id);
    expect(settled.status).toBe(status);
    expect(settled.error_code).toBe(errorCode);
    const { data: orderAfter } = await (await api.request(`/api/v1/orders/${order.id}`, { auth: keyAuth(merchant) })).json();
    expect(orderAfter.status).toBe(status === "captured" ? "paid" : "attempted");
    expect(orderAfter.attempts).toBe(1);
  });

  it.each([
    ["success@paygate", "captured", null],
    ["failure@paygate", "failed", "upi_declined"],
  ])("UPI %s → %s", async (vpa, status, errorCode) => {
    const order = await createOrder(api, merchant);
    const { data } = await (await createPayment(api, merchant, { order_id: order.id, method: "upi", vpa })).json();
    const settled = await settledPayment(api, merchant, data.id);
    expect(settled).toMatchObject({ status, error_code: errorCode, vpa });
  });

  it("netbanking and wallet follow TEST_PAYMENT_SUCCESS", async () => {
    const forced = await startTestApi({ TEST_PAYMENT_SUCCESS: "false" });
    try {
      const m = await forced.registerMerchant();
      const order = await createOrder(forced, m);
      const { data } = await (await createPayment(forced, m, { order_id: order.id, method: "netbanking", bank: "HDFC" })).json();
      expect((await settledPayment(forced, m, data.id)).error_code).toBe("bank_declined");
      const { data: wallet } = await (
        await createPayment(forced, m, { order_id: order.id, method: "wallet", wallet: "paytm" })
      ).json();
      expect((await settledPayment(forced, m, wallet.id)).error_code).toBe("wallet_declined");
      // Magic values win over the forced outcome.
      const { data: magic } = await (await createPayment(forced, m, { order_id: order.id, ...card("4242424242424242") })).json();
      expect((await settledPayment(forced, m, magic.id)).status).toBe("captured");
    } finally {
      await forced.close();
    }
  });
});

describe("3-D Secure", () => {
  const challenge = async () => {
    const order = await createOrder(api, merchant);
    const { data } = await (await createPayment(api, merchant, { order_id: order.id, ...card("4000002760003184") })).json();
    await settledPayment(api, merchant, data.id, "requires_action");
    return data.id as string;
  };
  const authenticate = (id: string, otp: string, key = merchant.api_key) =>
    api.request(`/api/v1/payments/${id}/public/authenticate`, { method: "POST", json: { key, otp } });

  it("succeeds with 123456 and returns the signed result", async () => {
    const id = await challenge();
    const response = await authenticate(id, "123456");
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data.status).toBe("captured");
    expect(data.signature).toMatch(/^[0-9a-f]{64}$/);
    await expectError(await authenticate(id, "123456"), 409, "payment_action_not_required");
  });

  it("fails with any other OTP", async () => {
    const id = await challenge();
    const { data } = await (await authenticate(id, "000000")).json();
    expect(data).toMatchObject({ status: "failed", error_code: "authentication_failed" });
    expect(data.signature).toBeUndefined();
  });

  it("another merchant's key cannot authenticate it", async () => {
    const id = await challenge();
    const other = await api.registerMerchant();
    await expectError(await authenticate(id, "123456", other.api_key), 404, "not_found");
  });
});

describe("capture", () => {
  it("manual capture moves authorized → captured and pays the order", async () => {
    const order = await createOrder(api, merchant);
    const { data } = await (
      await createPayment(api, merchant, { order_id: order.id, capture: "manual", ...card("4242424242424242") })
    ).json();
    await settledPayment(api, merchant, data.id, "authorized");
    const { data: orderBefore } = await (await api.request(`/api/v1/orders/${order.id}`, { auth: keyAuth(merchant) })).json();
    expect(orderBefore.status).toBe("attempted");
    const captured = await api.request(`/api/v1/payments/${data.id}/capture`, { method: "POST", auth: keyAuth(merchant) });
    expect((await captured.json()).data).toMatchObject({ status: "captured", captured: true });
    const { data: orderAfter } = await (await api.request(`/api/v1/orders/${order.id}`, { auth: keyAuth(merchant) })).json();
    expect(orderAfter).toMatchObject({ status: "paid", amount_paid: order.amount, amount_due: 0 });
    await expectError(
      await api.request(`/api/v1/payments/${data.id}/capture`, { method: "POST", auth: keyAuth(merchant) }),
      409,
      "payment_not_capturable",
    );
  });

  it("capture of a failed payment → 409", async () => {
    const order = await createOrder(api, merchant);
    const { data } = await (await createPayment(api, merchant, { order_id: order.id, ...card("4000000000000002") })).json();
    await settledPayment(api, merchant, data.id, "failed");
    await expectError(
      await api.request(`/api/v1/payments/${data.id}/capture`, { method: "POST", auth: keyAuth(merchant) }),
      409,
      "payment_not_capturable",
    );
  });

  it("a paid order refuses new payments", async () => {
    const { order } = await capturedPayment(api, merchant);
    await expectError(
      await createPayment(api, merchant, { order_id: order.id, method: "upi", vpa: "success@paygate" }),
      409,
      "order_not_payable",
    );
  });
});

describe("synchronous validation", () => {
  it.each([
    [{ ...card("4242424242424241") }, "invalid_card", "card.number"],
    [{ ...card("4242") }, "invalid_card", "card.number"],
    [{ method: "card", card: { number: "4242424242424242", expiry: "01/20", cvv: "123" } }, "invalid_card", "card.expiry"],
    [{ ...card("4242424242424242", "12") }, "validation_error", "card.cvv"],
    [{ ...card("378282246310005", "123") }, "invalid_card", "card.cvv"],
    [{ method: "upi", vpa: "not-a-vpa" }, "invalid_vpa", "vpa"],
    [{ method: "card" }, "validation_error", "card"],
    [
      { method: "upi", vpa: "success@paygate", card: { number: "4242424242424242", expiry: "12/34", cvv: "123" } },
      "validation_error",
      "card",
    ],
    [{ method: "netbanking", bank: "NOPE" }, "validation_error", "bank"],
    [{ method: "crypto" }, "validation_error", "method"],
    // Unknown and read-only fields are named (issue 19 item 6).
    [{ ...card("4242424242424242"), amount: 1 }, "validation_error", "amount"],
    [{ ...card("4242424242424242"), status: "captured" }, "validation_error", "status"],
  ])("%j → %s", async (body, type, param) => {
    const order = await createOrder(api, merchant);
    const before = (await api.runtime.database.db.query.payments.findMany()).length;
    const error = await expectError(await createPayment(api, merchant, { order_id: order.id, ...body }), 400, type);
    expect(error.param).toBe(param);
    expect((await api.runtime.database.db.query.payments.findMany()).length).toBe(before);
  });

  it("an unknown order is 404", async () => {
    await expectError(
      await createPayment(api, merchant, { order_id: "order_doesnotexist01", ...card("4242424242424242") }),
      404,
      "not_found",
    );
  });
});

describe("lists and stats", () => {
  it("filters payments by status and order, and counts them in stats", async () => {
    const m = await api.registerMerchant();
    const { order, payment } = await capturedPayment(api, m, 5000);
    const failedOrder = await createOrder(api, m, 700);
    const { data: failed } = await (
      await createPayment(api, m, { order_id: failedOrder.id, ...card("4000000000000002") })
    ).json();
    await settledPayment(api, m, failed.id, "failed");
    const byOrder = (await (await api.request(`/api/v1/payments?order_id=${order.id}`, { auth: keyAuth(m) })).json()).data;
    expect(byOrder.items.map((p: { id: string }) => p.id)).toEqual([payment.id]);
    const failedList = (await (await api.request("/api/v1/payments?status=failed", { auth: keyAuth(m) })).json()).data;
    expect(failedList.items.map((p: { id: string }) => p.id)).toEqual([failed.id]);
    const orderPayments = (await (await api.request(`/api/v1/orders/${order.id}/payments`, { auth: keyAuth(m) })).json()).data;
    expect(orderPayments.items).toHaveLength(1);
    const stats = (await (await api.request("/api/v1/merchants/stats", { auth: keyAuth(m) })).json()).data;
    expect(stats).toEqual({
      total_orders: 2,
      successful_payments: 1,
      successful_refunds: 0,
      canceled_payments: 1,
      total_volume: 5000,
      refunded_volume: 0,
      success_rate: 50,
      currency: "INR",
      by_currency: [{ currency: "INR", successful_payments: 1, total_volume: 5000, refunded_volume: 0 }],
    });
  });
});
