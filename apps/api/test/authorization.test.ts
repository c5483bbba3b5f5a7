import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { capturedPayment } from "./payment-helpers.js";

let api: TestApi;
let owner: MerchantCredentials;
let intruder: MerchantCredentials;
const ids = { order: "", payment: "", refund: "", delivery: "" };

beforeAll(async () => {
  api = await startTestApi();
  owner = await api.registerMerchant("Owner");
  intruder = await api.registerMerchant("Intruder");
  // A webhook URL that refuses connections: deliveries exist (and fail) without any receiver.
  await api.request("/api/v1/merchant", { method: "PATCH", auth: keyAuth(owner), json: { webhook_url: "http://127.0.0.1:9/hooks" } });
  const { order, payment } = await capturedPayment(api, owner, 900);
  ids.order = order.id;
  ids.payment = payment.id;
  const refund = await api.request(`/api/v1/payments/${payment.id}/refunds`, { method: "POST", auth: keyAuth(owner), json: { amount: 100 } });
  ids.refund = (await refund.json()).data.id;
  ids.delivery = await eventually(async () => {
    const { data } = await (await api.request("/api/v1/webhooks", { auth: keyAuth(owner) })).json();
    return data.items[0]?.id as string | undefined;
  });
});
afterAll(() => api?.close());

describe("object-level authorization: another merchant's objects are 404", () => {
  const routes = (): [string, string, unknown?][] => [
    ["GET", `/api/v1/orders/${ids.order}`],
    ["GET", `/api/v1/orders/${ids.order}/payments`],
    ["POST", `/api/v1/orders/${ids.order}/cancel`],
    ["GET", `/api/v1/payments/${ids.payment}`],
    ["POST", `/api/v1/payments/${ids.payment}/capture`],
    ["POST", `/api/v1/payments/${ids.payment}/refunds`, { amount: 1 }],
    ["GET", `/api/v1/refunds/${ids.refund}`],
    ["GET", `/api/v1/webhooks/${ids.delivery}`],
    ["POST", `/api/v1/webhooks/${ids.delivery}/retry`],
    ["POST", "/api/v1/payments", { order_id: ids.order, method: "upi", vpa: "success@paygate" }],
  ];

  it("with the intruder's key + secret and with its Bearer token", async () => {
    for (const auth of [keyAuth(intruder), { bearer: intruder.access }]) {
      for (const [method, path, json] of routes()) {
        const response = await api.request(path, { method, auth, ...(json ? { json } : {}) });
        await expectError(response, 404, "not_found").catch((error) => {
          throw new Error(`${method} ${path}: ${error.message}`);
        });
      }
    }
  });

  it("through the public endpoints with the intruder's publishable key", async () => {
    const key = intruder.api_key;
    await expectError(await api.request(`/api/v1/checkout/orders/${ids.order}?key=${key}`), 404, "not_found");
    await expectError(await api.request(`/api/v1/payments/${ids.payment}/public?key=${key}`), 404, "not_found");
    await expectError(
      await api.request("/api/v1/payments/public", { method: "POST", json: { key, order_id: ids.order, method: "upi", vpa: "success@paygate" } }),
      404,
      "not_found",
    );
  });

  it("lists never show them, and nothing of the owner's changed", async () => {
    for (const path of ["/api/v1/orders", "/api/v1/payments", "/api/v1/refunds", "/api/v1/webhooks"]) {
      const { data } = await (await api.request(`${path}?limit=100`, { auth: keyAuth(intruder) })).json();
      expect(data.items, path).toEqual([]);
    }
    const { data: order } = await (await api.request(`/api/v1/orders/${ids.order}`, { auth: keyAuth(owner) })).json();
    expect(order.status).toBe("paid");
    const { data: refunds } = await (await api.request(`/api/v1/refunds?payment_id=${ids.payment}`, { auth: keyAuth(owner) })).json();
    expect(refunds.items).toHaveLength(1);
    const { data: stats } = await (await api.request("/api/v1/merchants/stats", { auth: keyAuth(intruder) })).json();
    expect(stats.total_orders).toBe(0);
  });

  it("the owner can read them all", async () => {
    for (const path of [`/api/v1/orders/${ids.order}`, `/api/v1/payments/${ids.payment}`, `/api/v1/refunds/${ids.refund}`, `/api/v1/webhooks/${ids.delivery}`]) {
      expect((await api.request(path, { auth: keyAuth(owner) })).status, path).toBe(200);
    }
  });
});
