import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { getJson, post } from "./money-helpers.js";
import { createLink, getLink, openPayableLink, rowCounts } from "./payment-link-helpers.js";

let api: TestApi;
let owner: MerchantCredentials;
let intruder: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  owner = await api.registerMerchant("Owner");
  intruder = await api.registerMerchant("Intruder");
});
afterAll(() => api?.close());

describe("another merchant's payment link is not found", () => {
  it("GET and cancel → 404; its list never shows it; nothing of the owner's changes", async () => {
    const link = await createLink(api, owner, { amount: 4000 });
    await expectError(await api.request(`/api/v1/payment_links/${link.id}`, { auth: keyAuth(intruder) }), 404, "not_found");
    await expectError(
      await api.request(`/api/v1/payment_links/${link.id}`, { auth: { bearer: intruder.access } }),
      404,
      "not_found",
    );
    await expectError(await post(api, intruder, `/payment_links/${link.id}/cancel`), 404, "not_found");
    const list = await getJson<{ items: unknown[] }>(api, intruder, "/payment_links?limit=100");
    expect(list.items).toEqual([]);
    expect((await getLink(api, owner, link.id)).status).toBe("created");
    expect((await getJson<{ status: string }>(api, owner, `/orders/${link.order_id}`)).status).toBe("created");
  });

  it("the merchant routes need credentials", async () => {
    const before = await rowCounts(api, owner.merchant_id);
    for (const [method, path] of [
      ["POST", "/api/v1/payment_links"],
      ["GET", "/api/v1/payment_links"],
      ["GET", "/api/v1/payment_links/plink_doesnotexist00"],
      ["POST", "/api/v1/payment_links/plink_doesnotexist00/cancel"],
    ] as const) {
      const init = method === "POST" ? { method, json: { amount: 100, description: "x" } } : { method };
      await expectError(await api.request(path, init), 401, "unauthorized");
      await expectError(await api.request(path, { ...init, auth: { key: owner.api_key, secret: "wrong" } }), 401, "unauthorized");
    }
    expect(await rowCounts(api, owner.merchant_id)).toEqual(before);
  });
});

describe("the public link endpoint", () => {
  it("shows no customer details, reference or secret, and the key it gives pays only this merchant's orders", async () => {
    const link = await createLink(api, owner, {
      amount: 5000,
      reference_id: "secret-ref-1",
      customer: { name: "Private Person", email: "private@example.com", contact: "+91 99999 00000" },
    });
    const response = await api.request(`/api/v1/checkout/links/${link.id}`);
    const text = await response.text();
    expect(response.status).toBe(200);
    for (const hidden of [
      owner.api_secret,
      owner.webhook_secret,
      "secret-ref-1",
      "Private Person",
      "private@example.com",
      "99999",
    ]) {
      expect(text).not.toContain(hidden);
    }
    expect(response.headers.get("cache-control")).toBe("no-store");
    // The publishable key opens no other merchant's order.
    const page = await openPayableLink(api, link.id);
    const foreign = await createLink(api, intruder, { amount: 100 });
    await expectError(await api.request(`/api/v1/checkout/orders/${foreign.order_id}?key=${page.key}`), 404, "not_found");
  });

  it("a deleted merchant's links take no payments", async () => {
    const doomed = await api.registerMerchant("Doomed");
    const link = await createLink(api, doomed, { amount: 100 });
    const { sql } = await import("drizzle-orm");
    await api.runtime.database.db.execute(sql`update merchants set deleted_at = now() where id = ${doomed.merchant_id}`);
    await expectError(await api.request(`/api/v1/checkout/links/${link.id}`), 404, "not_found");
  });
});
