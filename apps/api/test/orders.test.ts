import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const post = (path: string, json: unknown, m = merchant) => api.request(path, { method: "POST", auth: keyAuth(m), json });
const get = (path: string, m = merchant) => api.request(path, { auth: keyAuth(m) });

describe("orders", () => {
  it("creates an order with defaults", async () => {
    const response = await post("/api/v1/orders", { amount: 50000, receipt: "rcpt_1", notes: { cart: "42" } });
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({
      amount: 50000,
      currency: "INR",
      receipt: "rcpt_1",
      notes: { cart: "42" },
      status: "created",
      amount_paid: 0,
      amount_due: 50000,
      attempts: 0,
    });
    expect(data.id).toMatch(/^order_[A-Za-z0-9]{16}$/);
    expect((await (await get(`/api/v1/orders/${data.id}`)).json()).data).toEqual(data);
    expect((await (await get(`/api/v1/orders/${data.id}/payments`)).json()).data.items).toEqual([]);
  });

  it("accepts zero- and three-decimal currencies in their own minor units", async () => {
    expect((await post("/api/v1/orders", { amount: 1500, currency: "JPY" })).status).toBe(201);
    expect((await post("/api/v1/orders", { amount: 1234, currency: "KWD" })).status).toBe(201);
  });

  it("lists newest first with pagination and a status filter", async () => {
    const m = await api.registerMerchant();
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await (await post("/api/v1/orders", { amount: i * 100 }, m)).json()).data.id);
    const first = (await (await get("/api/v1/orders?limit=2", m)).json()).data;
    expect(first).toMatchObject({ has_more: true, limit: 2, offset: 0 });
    expect(first.items.map((o: { id: string }) => o.id)).toEqual([ids[4], ids[3]]);
    const last = (await (await get("/api/v1/orders?limit=2&offset=4", m)).json()).data;
    expect(last.items.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    expect(last.has_more).toBe(false);
    await post(`/api/v1/orders/${ids[1]}/cancel`, undefined, m);
    const cancelled = (await (await get("/api/v1/orders?status=cancelled", m)).json()).data;
    expect(cancelled.items.map((o: { id: string }) => o.id)).toEqual([ids[1]]);
    expect((await (await get("/api/v1/orders?status=created&limit=100", m)).json()).data.items).toHaveLength(4);
  });

  it("cancels an unpaid order (idempotently) and then refuses payments on it", async () => {
    const { data: order } = await (await post("/api/v1/orders", { amount: 700 })).json();
    const cancelled = await api.request(`/api/v1/orders/${order.id}/cancel`, { method: "POST", auth: keyAuth(merchant) });
    expect((await cancelled.json()).data).toMatchObject({ status: "cancelled", amount_due: 0 });
    expect((await api.request(`/api/v1/orders/${order.id}/cancel`, { method: "POST", auth: keyAuth(merchant) })).status).toBe(
      200,
    );
    const payment = await post("/api/v1/payments", {
      order_id: order.id,
      method: "upi",
      vpa: "success@paygate",
    });
    await expectError(payment, 409, "order_not_payable");
  });

  it("counts orders in the merchant's stats", async () => {
    const m = await api.registerMerchant();
    await post("/api/v1/orders", { amount: 100 }, m);
    await post("/api/v1/orders", { amount: 200 }, m);
    expect((await (await get("/api/v1/merchants/stats", m)).json()).data).toEqual({
      total_orders: 2,
      successful_payments: 0,
      successful_refunds: 0,
      canceled_payments: 0,
      total_volume: 0,
      refunded_volume: 0,
      success_rate: 0,
      currency: "INR",
      by_currency: [],
    });
  });

  it("replays an order creation for the same Idempotency-Key", async () => {
    const send = (body: unknown) =>
      api.request("/api/v1/orders", {
        method: "POST",
        auth: keyAuth(merchant),
        json: body,
        headers: { "Idempotency-Key": "order-key-1" },
      });
    const first = await send({ amount: 999 });
    const again = await send({ amount: 999 });
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    await expectError(await send({ amount: 998 }), 422, "idempotency_key_reused");
  });
});

describe("merchant profile", () => {
  it("updates the name and webhook URL, and null clears it", async () => {
    const m = await api.registerMerchant();
    const patch = (json: unknown) => api.request("/api/v1/merchant", { method: "PATCH", auth: keyAuth(m), json });
    const updated = await patch({ name: "Renamed", webhook_url: "https://shop.example.com/hooks" });
    expect((await updated.json()).data).toMatchObject({ name: "Renamed", webhook_url: "https://shop.example.com/hooks" });
    expect((await (await patch({ webhook_url: null })).json()).data.webhook_url).toBeNull();
    await expectError(await patch({ webhook_url: "ftp://shop.example.com" }), 400, "webhook_url_refused");
    await expectError(await patch({ email: "new@example.com" }), 400, "validation_error");
    await expectError(await patch({ api_key: "key_test_mine" }), 400, "validation_error");
  });
});
