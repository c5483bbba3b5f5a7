import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCode, createDiscount, discountCounts, getDiscount, postOrder } from "./discount-helpers.js";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";

let api: TestApi;
let alice: MerchantCredentials;
let mallory: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
  alice = await api.registerMerchant("Alice");
  mallory = await api.registerMerchant("Mallory");
});
afterAll(() => api?.close());

describe("promo codes belong to their merchant", () => {
  it("another merchant's discount id → 404 on GET and PATCH, nothing changes", async () => {
    const code = await createDiscount(api, alice, { code: "ALICE-ONLY", type: "percentage", value: 5000, max_uses: 3 });
    await expectError(await api.request(`/api/v1/discounts/${code.id}`, { auth: keyAuth(mallory) }), 404, "not_found");
    const patch = await api.request(`/api/v1/discounts/${code.id}`, {
      method: "PATCH",
      auth: keyAuth(mallory),
      json: { max_uses: null },
    });
    await expectError(patch, 404, "not_found");
    expect(await getDiscount(api, alice, code.id)).toEqual(code);
    const list = (await (await api.request("/api/v1/discounts?limit=100", { auth: keyAuth(mallory) })).json()).data;
    expect(list.items).toEqual([]);
  });

  it("another merchant's code is unknown on orders, in the checkout and in validate", async () => {
    const code = await createDiscount(api, alice, { code: "ALICE-20", type: "percentage", value: 2000 });
    const refused = await expectError(
      await postOrder(api, mallory, { amount: 10000, discount_code: "ALICE-20" }),
      409,
      "discount_invalid",
    );
    expect((refused as unknown as { meta: unknown }).meta).toEqual({ reason: "unknown" });
    const order = (await (await postOrder(api, mallory, { amount: 10000 })).json()).data;
    const viaCheckout = await expectError(await applyCode(api, mallory, order.id, "ALICE-20"), 409, "discount_invalid");
    expect((viaCheckout as unknown as { meta: unknown }).meta).toEqual({ reason: "unknown" });
    const validation = await api.request("/api/v1/discounts/validate", {
      method: "POST",
      auth: keyAuth(mallory),
      json: { code: "ALICE-20", amount: 10000, currency: "INR" },
    });
    expect((await validation.json()).data).toEqual({ valid: false, discount_amount: 0, reason: "unknown" });
    expect((await getDiscount(api, alice, code.id)).times_used).toBe(0);
    // The same code name is free for Mallory: uniqueness is per merchant.
    expect((await createDiscount(api, mallory, { code: "alice-20", type: "percentage", value: 100 })).code).toBe("ALICE-20");
  });

  it("a publishable key cannot apply or remove a code on another merchant's order", async () => {
    await createDiscount(api, mallory, { code: "MAL-5", type: "percentage", value: 500 });
    const order = (await (await postOrder(api, alice, { amount: 10000 })).json()).data;
    const before = await discountCounts(api);
    await expectError(await applyCode(api, mallory, order.id, "MAL-5"), 404, "not_found");
    await expectError(
      await api.request(`/api/v1/checkout/orders/${order.id}/discount?key=${mallory.api_key}`, { method: "DELETE" }),
      404,
      "not_found",
    );
    await expectError(
      await api.request(`/api/v1/checkout/orders/${order.id}/discount`, {
        method: "POST",
        json: { key: "key_test_nope", code: "MAL-5" },
      }),
      401,
      "unauthorized",
    );
    expect(await discountCounts(api)).toEqual(before);
  });

  it("discount routes need merchant credentials; the publishable key alone is refused", async () => {
    await expectError(await api.request("/api/v1/discounts"), 401, "unauthorized");
    await expectError(await api.request("/api/v1/discounts", { headers: { "X-Api-Key": alice.api_key } }), 401, "unauthorized");
  });

  it("the checkout discount endpoints answer any origin (CORS like the other public routes)", async () => {
    const preflight = await api.request("/api/v1/checkout/orders/order_abcdefghijklmnop/discount", {
      method: "OPTIONS",
      headers: { Origin: "https://shop.example", "Access-Control-Request-Method": "DELETE" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods") ?? "").toContain("DELETE");
  });
});
