import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { emailsTo, payOrder, testEmails } from "./receipt-helpers.js";

let api: TestApi;
let owner: MerchantCredentials;
let stranger: MerchantCredentials;
let paymentId: string;
const to = `owner-shopper-${Date.now()}@example.com`;

beforeAll(async () => {
  api = await startTestApi();
  [owner, stranger] = [await api.registerMerchant("Owner"), await api.registerMerchant("Stranger")];
  paymentId = (await payOrder(api, owner, { payment: { email: to } })).id;
  await emailsTo(api, owner, to);
});
afterAll(() => api?.close());

describe("another merchant's receipt", () => {
  it("is a 404 with the other merchant's credentials", async () => {
    await expectError(await api.request(`/api/v1/payments/${paymentId}/receipt`, { auth: keyAuth(stranger) }), 404, "not_found");
  });

  it("is a 404 with the other merchant's publishable key", async () => {
    await expectError(
      await api.request(`/api/v1/checkout/payments/${paymentId}/receipt?key=${stranger.api_key}`),
      404,
      "not_found",
    );
  });

  it("needs credentials on the merchant route", async () => {
    await expectError(await api.request(`/api/v1/payments/${paymentId}/receipt`), 401, "unauthorized");
  });
});

describe("another merchant's emails", () => {
  it("are not in /test/emails nor /emails", async () => {
    expect(await testEmails(api, stranger, to)).toEqual([]);
    const listed = await api.request(`/api/v1/emails?payment_id=${paymentId}`, { auth: keyAuth(stranger) });
    expect((await listed.json()).data.items).toEqual([]);
    expect(await testEmails(api, owner, to)).toHaveLength(1);
  });

  it("/test/emails and /emails need merchant credentials", async () => {
    await expectError(await api.request(`/api/v1/test/emails?to=${encodeURIComponent(to)}`), 401, "unauthorized");
    await expectError(await api.request("/api/v1/emails"), 401, "unauthorized");
  });
});

describe("outside TEST_MODE", () => {
  it("/test/emails does not exist (404), while /emails does", async () => {
    const live = await startTestApi({ TEST_MODE: "false", JWT_SECRET: "x".repeat(40) }, { startWorkers: false });
    try {
      const merchant = await live.registerMerchant();
      await expectError(
        await live.request(`/api/v1/test/emails?to=${encodeURIComponent(to)}`, { auth: keyAuth(merchant) }),
        404,
        "not_found",
      );
      expect((await live.request("/api/v1/emails", { auth: keyAuth(merchant) })).status).toBe(200);
    } finally {
      await live.close();
    }
  });
});
