import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentLinks } from "../src/db/schema/index.js";
import { expectError, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { advanceClock, authorizedPayment, getJson, post } from "./money-helpers.js";
import { createLink, expectClosedLink, getLink, LINK_CARD, payLink, rowCounts } from "./payment-link-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant("Errors");
});
afterAll(() => api?.close());

const clockNow = async () => Date.parse((await getJson<{ now: string }>(api, merchant, "/test/clock")).now);

describe("bad input → 400 in the envelope, nothing written", () => {
  const valid = { amount: 1000, description: "Valid" };
  const cases: [string, Record<string, unknown>, string | null][] = [
    ["negative amount", { ...valid, amount: -100 }, "amount"],
    ["zero amount", { ...valid, amount: 0 }, "amount"],
    ["fractional amount", { ...valid, amount: 10.5 }, "amount"],
    ["amount as a string", { ...valid, amount: "1000" }, "amount"],
    ["no description", { amount: 1000 }, "description"],
    ["blank description", { ...valid, description: "   " }, "description"],
    ["description with a NUL byte", { ...valid, description: "a\u0000b" }, "description"],
    ["lowercase currency", { ...valid, currency: "inr" }, "currency"],
    ["unknown field", { ...valid, colour: "blue" }, null],
    ["status is not writable", { ...valid, status: "paid" }, "status"],
    ["merchant_id is not writable", { ...valid, merchant_id: "mer_abcdefgh12345678" }, "merchant_id"],
    ["order_id is not writable", { ...valid, order_id: "order_abcdefgh12345678" }, "order_id"],
    ["unknown customer field", { ...valid, customer: { name: "A", age: 3 } }, "customer.age"],
    ["bad customer email", { ...valid, customer: { email: "not-an-email" } }, "customer.email"],
    ["bad customer contact", { ...valid, customer: { contact: "call me" } }, "customer.contact"],
    ["expire_by not a timestamp", { ...valid, expire_by: "tomorrow" }, "expire_by"],
    ["expire_by as a number", { ...valid, expire_by: 1_900_000_000 }, "expire_by"],
    ["reference_id too long", { ...valid, reference_id: "x".repeat(41) }, "reference_id"],
  ];

  it.each(cases)("%s", async (_name, body, param) => {
    const before = await rowCounts(api, merchant.merchant_id);
    const exception = await expectError(await post(api, merchant, "/payment_links", body), 400, "validation_error");
    if (param) expect(exception.param).toBe(param);
    expect(await rowCounts(api, merchant.merchant_id)).toEqual(before);
  });

  it("expire_by in the past (by the server's clock, moved forward) → 400 expire_by", async () => {
    await advanceClock(api, merchant, 3600);
    const before = await rowCounts(api, merchant.merchant_id);
    // Still in the future by the wall clock, but not by the server's.
    const past = new Date(Date.now() + 60_000).toISOString();
    const exception = await expectError(
      await post(api, merchant, "/payment_links", { ...valid, expire_by: past }),
      400,
      "validation_error",
    );
    expect(exception.param).toBe("expire_by");
    const now = new Date(await clockNow()).toISOString();
    await expectError(await post(api, merchant, "/payment_links", { ...valid, expire_by: now }), 400, "validation_error");
    expect(await rowCounts(api, merchant.merchant_id)).toEqual(before);
  });

  it("a body that is not JSON, and bad list queries and ids → 400", async () => {
    const raw = await api.request("/api/v1/payment_links", {
      method: "POST",
      body: "{not json",
      headers: { "Content-Type": "application/json", "X-Api-Key": merchant.api_key, "X-Api-Secret": merchant.api_secret },
    });
    expect(raw.status).toBe(400);
    for (const path of [
      "/payment_links?status=paidish",
      "/payment_links?limit=0",
      "/payment_links/plink_bad'--",
      "/payment_links/order_abcdefgh12345678",
    ]) {
      const response = await api.request(`/api/v1${path}`, {
        headers: { "X-Api-Key": merchant.api_key, "X-Api-Secret": merchant.api_secret },
      });
      await expectError(response, 400, "validation_error");
    }
    await expectError(await api.request("/api/v1/checkout/links/not-a-link"), 400, "validation_error");
  });
});

describe("links that are not payable", () => {
  it("an unknown link → 404 for the merchant and for the page", async () => {
    await expectError(await post(api, merchant, "/payment_links/plink_doesnotexist00/cancel"), 404, "not_found");
    await expectError(await api.request("/api/v1/checkout/links/plink_doesnotexist00"), 404, "not_found");
  });

  it("paying a paid link: the page → 410 paid; a payment on its order → 409 order_not_payable", async () => {
    const link = await createLink(api, merchant, { amount: 2000 });
    await payLink(api, merchant, link.id);
    await expectClosedLink(api, link.id, "paid");
    const again = await api.request("/api/v1/payments/public", {
      method: "POST",
      json: { key: merchant.api_key, order_id: link.order_id, method: "card", card: LINK_CARD },
    });
    await expectError(again, 409, "order_not_payable");
    expect((await getLink(api, merchant, link.id)).status).toBe("paid");
  });

  it("cancelling a paid or expired link → 410 link_not_payable with meta.reason; nothing changes", async () => {
    const paid = await createLink(api, merchant, { amount: 2100 });
    await payLink(api, merchant, paid.id);
    const paidCancel = await post(api, merchant, `/payment_links/${paid.id}/cancel`);
    const paidBody = await paidCancel.clone().json();
    await expectError(paidCancel, 410, "link_not_payable");
    expect(paidBody.exception.meta.reason).toBe("paid");
    expect((await getLink(api, merchant, paid.id)).status).toBe("paid");

    const expireBy = new Date((await clockNow()) + 60_000).toISOString();
    const expiring = await createLink(api, merchant, { amount: 2200, expire_by: expireBy });
    await advanceClock(api, merchant, 120);
    const expiredCancel = await post(api, merchant, `/payment_links/${expiring.id}/cancel`);
    const expiredBody = await expiredCancel.clone().json();
    await expectError(expiredCancel, 410, "link_not_payable");
    expect(expiredBody.exception.meta.reason).toBe("expired");
    expect((await getLink(api, merchant, expiring.id)).status).toBe("expired");
  });

  it("a link read past its expire_by is expired then, even before its job has run", async () => {
    const link = await createLink(api, merchant, { amount: 2400 });
    // A link whose time has come while the workers are behind: no job has expired it yet.
    await api.runtime.database.db
      .update(paymentLinks)
      .set({ expireBy: new Date((await clockNow()) - 1000) })
      .where(eq(paymentLinks.id, link.id));
    await expectClosedLink(api, link.id, "expired");
    expect((await getLink(api, merchant, link.id)).status).toBe("expired");
    expect((await getJson<{ status: string }>(api, merchant, `/orders/${link.order_id}`)).status).toBe("cancelled");
  });

  it("a capture racing the link's cancel: one of them wins, never both", async () => {
    for (let round = 0; round < 3; round++) {
      const link = await createLink(api, merchant, { amount: 2500 + round });
      const manual = await authorizedPayment(api, merchant, link.order_id);
      const [captured, cancelled] = await Promise.all([
        post(api, merchant, `/payments/${manual.id}/capture`),
        post(api, merchant, `/payment_links/${link.id}/cancel`),
      ]);
      const after = await getLink(api, merchant, link.id);
      const orderStatus = (await getJson<{ status: string }>(api, merchant, `/orders/${link.order_id}`)).status;
      if (captured.status === 200) {
        expect(cancelled.status).toBe(410);
        expect([after.status, orderStatus]).toEqual(["paid", "paid"]);
      } else {
        expect([captured.status, cancelled.status]).toEqual([409, 200]);
        expect([after.status, orderStatus]).toEqual(["cancelled", "cancelled"]);
      }
    }
  });

  it("an expired link's order takes no payment", async () => {
    const expireBy = new Date((await clockNow()) + 60_000).toISOString();
    const link = await createLink(api, merchant, { amount: 2300, expire_by: expireBy });
    await advanceClock(api, merchant, 61);
    await expectClosedLink(api, link.id, "expired");
    const attempt = await api.request("/api/v1/payments/public", {
      method: "POST",
      json: { key: merchant.api_key, order_id: link.order_id, method: "card", card: LINK_CARD },
    });
    await expectError(attempt, 409, "order_not_payable");
  });
});
