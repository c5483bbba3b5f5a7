import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestFingerprint } from "../src/services/infra/idempotency.js";
import { keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { createOrder } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
  merchant = await api.registerMerchant("Scopes");
});
afterAll(() => api?.close());

const card = { number: "4242424242424242", expiry: "12/34", cvv: "123" };

// Finding 5 of issue 11: public and merchant endpoints shared one key scope.
describe("idempotency scopes: a shopper's Idempotency-Key never collides with or burns the merchant server's", () => {
  it("a key first used on the public checkout is still fresh for the merchant's server, and the other way round", async () => {
    const order = await createOrder(api, merchant);
    const shopper = await api.request("/api/v1/payments/public", {
      method: "POST",
      json: { key: merchant.api_key, order_id: order.id, method: "card", card },
      headers: { "Idempotency-Key": "shared-key-1" },
    });
    expect(shopper.status).toBe(201);
    const server = await api.request("/api/v1/orders", {
      method: "POST",
      auth: keyAuth(merchant),
      json: { amount: 500 },
      headers: { "Idempotency-Key": "shared-key-1" },
    });
    expect(server.status).toBe(201);
    expect(server.headers.get("Idempotent-Replayed")).toBeNull();

    const serverFirst = await api.request("/api/v1/orders", {
      method: "POST",
      auth: keyAuth(merchant),
      json: { amount: 700 },
      headers: { "Idempotency-Key": "shared-key-2" },
    });
    expect(serverFirst.status).toBe(201);
    const other = await createOrder(api, merchant);
    const shopperAfter = await api.request("/api/v1/payments/public", {
      method: "POST",
      json: { key: merchant.api_key, order_id: other.id, method: "upi", vpa: "success@paygate" },
      headers: { "Idempotency-Key": "shared-key-2" },
    });
    expect(shopperAfter.status).toBe(201);
    expect(shopperAfter.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("within one scope the same key still replays, and a different card on the same key is still a different request", async () => {
    const order = await createOrder(api, merchant);
    const send = (number: string) =>
      api.request("/api/v1/payments", {
        method: "POST",
        auth: keyAuth(merchant),
        json: { order_id: order.id, method: "card", card: { ...card, number } },
        headers: { "Idempotency-Key": "same-scope" },
      });
    expect((await send("4242424242424242")).status).toBe(201);
    expect((await send("4242424242424242")).headers.get("Idempotent-Replayed")).toBe("true");
    expect((await send("4111111111111111")).status).toBe(422);
  });
});

describe("requestFingerprint (finding 1)", () => {
  it("depends on the server key and on the card, but is not computable from the card without the key", () => {
    const body = JSON.stringify({ order_id: "order_x", method: "card", card });
    const a = requestFingerprint("key-a", "POST", "/api/v1/payments", body);
    expect(requestFingerprint("key-a", "POST", "/api/v1/payments", body)).toBe(a);
    expect(requestFingerprint("key-b", "POST", "/api/v1/payments", body)).not.toBe(a);
    const otherCvv = JSON.stringify({ order_id: "order_x", method: "card", card: { ...card, cvv: "124" } });
    expect(requestFingerprint("key-a", "POST", "/api/v1/payments", otherCvv)).not.toBe(a);
  });
});
