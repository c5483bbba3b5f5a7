import { afterAll, beforeAll, describe, it } from "vitest";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { payOrder } from "./receipt-helpers.js";

let api: TestApi;
let shop: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  shop = await api.registerMerchant();
});
afterAll(() => api?.close());

const merchantReceipt = (id: string) => api.request(`/api/v1/payments/${id}/receipt`, { auth: keyAuth(shop) });
const publicReceipt = (id: string, query = `?key=${shop.api_key}`) =>
  api.request(`/api/v1/checkout/payments/${id}/receipt${query}`);

describe("receipts that do not exist", () => {
  // Chosen and documented in the OpenAPI description: no receipt until captured is a 404, like an
  // unknown payment, so the public endpoint tells no one which payments exist in which state.
  it("answer 404 for an authorized (uncaptured) payment, to the merchant and to the shopper", async () => {
    const authorized = await payOrder(api, shop, { status: "authorized", payment: { capture: "manual" } });
    await expectError(await merchantReceipt(authorized.id), 404, "not_found");
    await expectError(await publicReceipt(authorized.id), 404, "not_found");
  });

  it("answer 404 for a failed payment", async () => {
    const failed = await payOrder(api, shop, {
      status: "failed",
      payment: { card: { number: "4000000000000002", expiry: "12/34", cvv: "123" } },
    });
    await expectError(await merchantReceipt(failed.id), 404, "not_found");
    await expectError(await publicReceipt(failed.id), 404, "not_found");
  });

  it("answer 404 for an unknown payment id", async () => {
    await expectError(await merchantReceipt("pay_doesnotexist0000"), 404, "not_found");
    await expectError(await publicReceipt("pay_doesnotexist0000"), 404, "not_found");
  });
});

describe("bad requests", () => {
  it("refuse a malformed payment id with a 400 naming it", async () => {
    for (const id of ["order_abcdefghijkl", "pay_x", "pay_%00abcdefghij"]) {
      const merchant = await expectError(await merchantReceipt(id), 400, "validation_error");
      const shopper = await expectError(await publicReceipt(id), 400, "validation_error");
      if (merchant.param !== "id" || shopper.param !== "id")
        throw new Error(`param should be id: ${merchant.param} ${shopper.param}`);
    }
  });

  it("need the publishable key on the public receipt", async () => {
    const payment = await payOrder(api, shop);
    await expectError(await publicReceipt(payment.id, ""), 400, "validation_error");
    await expectError(await publicReceipt(payment.id, "?key=key_unknown_123"), 401, "unauthorized");
  });
});

describe("the mailbox's queries", () => {
  it("refuse a malformed address or id, and unknown parameters", async () => {
    const get = (path: string) => api.request(path, { auth: keyAuth(shop) });
    await expectError(await get("/api/v1/test/emails?to=not-an-email"), 400, "validation_error");
    await expectError(await get("/api/v1/test/emails?to=a@example.com&limit=101"), 400, "validation_error");
    await expectError(await get("/api/v1/emails?invoice_id=inv"), 400, "validation_error");
    await expectError(await get("/api/v1/emails?status=sent"), 400, "validation_error");
  });
});
