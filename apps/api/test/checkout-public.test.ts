import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { createOrder } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({ CHECKOUT_URL: "http://checkout.test:3001", DASHBOARD_URL: "http://dashboard.test:3000" });
  merchant = await api.registerMerchant("Chai Point");
});
afterAll(() => api?.close());

describe("public checkout endpoints (publishable key only)", () => {
  it("shows the order as the checkout needs it", async () => {
    const order = await createOrder(api, merchant, 50000);
    const response = await api.request(`/api/v1/checkout/orders/${order.id}?key=${merchant.api_key}`);
    expect(response.status).toBe(200);
    expect((await response.json()).data).toMatchObject({
      order: { id: order.id, amount: 50000, currency: "INR", status: "created", amount_due: 50000 },
      merchant: { name: "Chai Point" },
      methods: ["card", "upi", "netbanking", "wallet"],
      test_mode: true,
    });
  });

  it("creates a payment, reports its status, and signs the success", async () => {
    const order = await createOrder(api, merchant, 1200);
    const created = await api.request("/api/v1/payments/public", {
      method: "POST",
      json: {
        key: merchant.api_key,
        order_id: order.id,
        method: "card",
        card: { number: "4242424242424242", expiry: "12/34", cvv: "123" },
      },
      headers: { "Idempotency-Key": "attempt-1" },
    });
    expect(created.status).toBe(201);
    const { data } = await created.json();
    expect(Object.keys(data).sort()).toEqual(["error_code", "error_description", "id", "order_id", "status"]);
    const settled = await eventually(async () => {
      const { data: status } = await (await api.request(`/api/v1/payments/${data.id}/public?key=${merchant.api_key}`)).json();
      return status.status === "captured" ? status : undefined;
    });
    const { createHmac } = await import("node:crypto");
    expect(settled.signature).toBe(createHmac("sha256", merchant.api_secret).update(`${order.id}|${data.id}`).digest("hex"));
    // The checkout's retry of the same attempt replays; a new attempt on a paid order is refused.
    const replay = await api.request("/api/v1/payments/public", {
      method: "POST",
      json: {
        key: merchant.api_key,
        order_id: order.id,
        method: "card",
        card: { number: "4242424242424242", expiry: "12/34", cvv: "123" },
      },
      headers: { "Idempotency-Key": "attempt-1" },
    });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    await expectError(
      await api.request("/api/v1/payments/public", {
        method: "POST",
        json: { key: merchant.api_key, order_id: order.id, method: "upi", vpa: "success@paygate" },
      }),
      409,
      "order_not_payable",
    );
  });

  it("an unknown key is 401; the secret is never needed nor accepted in its place", async () => {
    const order = await createOrder(api, merchant);
    await expectError(await api.request(`/api/v1/checkout/orders/${order.id}?key=key_test_unknown`), 401, "unauthorized");
    await expectError(await api.request(`/api/v1/checkout/orders/${order.id}`), 400, "validation_error");
    await expectError(
      await api.request("/api/v1/payments/public", {
        method: "POST",
        json: { key: "key_test_unknown", order_id: order.id, method: "upi", vpa: "success@paygate" },
      }),
      401,
      "unauthorized",
    );
    await expectError(
      await api.request(`/api/v1/orders/${order.id}`, { headers: { "X-Api-Key": merchant.api_key } }),
      401,
      "unauthorized",
    );
  });

  it("merchant-only fields cannot be sent through the public endpoint", async () => {
    const order = await createOrder(api, merchant);
    const body = { key: merchant.api_key, order_id: order.id, method: "upi", vpa: "success@paygate", capture: "manual" };
    await expectError(await api.request("/api/v1/payments/public", { method: "POST", json: body }), 400, "validation_error");
  });
});

describe("CORS", () => {
  const preflight = (path: string, origin: string) =>
    api.request(path, { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "POST" } });

  // Issue 11 finding 6: the checkout may be served under any host name (127.0.0.1, a proxy's).
  it("public checkout endpoints answer CORS for any origin, without credentials", async () => {
    for (const origin of ["http://checkout.test:3001", "http://127.0.0.1:3001", "https://pay.example.org"]) {
      const preflighted = await preflight("/api/v1/payments/public", origin);
      expect(preflighted.status).toBe(204);
      expect(preflighted.headers.get("access-control-allow-origin")).toBe("*");
      expect(preflighted.headers.get("access-control-allow-credentials")).toBeNull();
      expect(preflighted.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("idempotency-key");
    }
    const order = await createOrder(api, merchant);
    const read = await api.request(`/api/v1/checkout/orders/${order.id}?key=${merchant.api_key}`, {
      headers: { Origin: "http://127.0.0.1:3001" },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get("access-control-allow-origin")).toBe("*");
    expect(read.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
  });

  it("merchant endpoints accept the dashboard origin, not the checkout's", async () => {
    expect((await preflight("/api/v1/orders", "http://dashboard.test:3000")).headers.get("access-control-allow-origin")).toBe(
      "http://dashboard.test:3000",
    );
    expect(
      (await preflight("/api/v1/orders", "http://checkout.test:3001")).headers.get("access-control-allow-origin"),
    ).toBeNull();
    expect((await preflight("/api/v1/orders", "http://evil.test")).headers.get("access-control-allow-origin")).toBeNull();
    expect((await preflight("/api/v1/auth/refresh", "http://evil.test")).headers.get("access-control-allow-origin")).toBeNull();
    const dashboard = await preflight("/api/v1/auth/refresh", "http://dashboard.test:3000");
    expect(dashboard.headers.get("access-control-allow-credentials")).toBe("true");
  });
});

it("the merchant list of a paid order's payments carries no card number", async () => {
  const order = await createOrder(api, merchant);
  await api.request("/api/v1/payments/public", {
    method: "POST",
    json: {
      key: merchant.api_key,
      order_id: order.id,
      method: "card",
      card: { number: "5555 5555 5555 4444", expiry: "12/34", cvv: "123" },
    },
  });
  const text = await (await api.request(`/api/v1/orders/${order.id}/payments`, { auth: keyAuth(merchant) })).text();
  expect(text).toContain('"last4":"4444"');
  expect(text).not.toContain("5555555555554444");
});
