import type { Order, PaymentLink } from "@paygate/contracts";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../src/db/schema/index.js";
import { keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { advanceClock, authorizedPayment, getJson, type PaymentView, post } from "./money-helpers.js";
import { createLink, expectClosedLink, getLink, LINK_CARD, openPayableLink, payLink } from "./payment-link-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({ CHECKOUT_URL: "https://pay.example.test" });
  merchant = await api.registerMerchant("Kurta House");
});
afterAll(() => api?.close());

const HOUR = 3600;
const order = (id: string) => getJson<Order>(api, merchant, `/orders/${id}`);
const payment = (id: string) => getJson<PaymentView>(api, merchant, `/payments/${id}`);
const clockNow = async () => Date.parse((await getJson<{ now: string }>(api, merchant, "/test/clock")).now);

async function linkEvents(linkId: string) {
  const rows = await api.runtime.database.db
    .select({ type: events.type, payload: events.payload })
    .from(events)
    .where(eq(events.merchantId, merchant.merchant_id))
    .orderBy(asc(events.createdAt));
  return rows.filter((row) => JSON.stringify(row.payload).includes(linkId));
}

describe("POST /payment_links", () => {
  it("creates the link and its order; url is {CHECKOUT_URL}/l/{id}", async () => {
    const link = await createLink(api, merchant, {
      amount: 49_900,
      description: "Blue kurta, size M",
      reference_id: "INV-77",
      customer: { name: "Asha Rao", email: "asha@example.com", contact: "+91 98765 43210" },
    });
    expect(link).toMatchObject({
      amount: 49_900,
      currency: "INR",
      description: "Blue kurta, size M",
      reference_id: "INV-77",
      customer: { name: "Asha Rao", email: "asha@example.com", contact: "+91 98765 43210" },
      status: "created",
      expire_by: null,
      paid_at: null,
    });
    expect(link.id).toMatch(/^plink_[A-Za-z0-9]{16}$/);
    expect(link.url).toBe(`https://pay.example.test/l/${link.id}`);
    expect(await order(link.order_id)).toMatchObject({
      amount: 49_900,
      currency: "INR",
      status: "created",
      receipt: "INV-77",
      notes: { payment_link_id: link.id },
    });
    expect(await getLink(api, merchant, link.id)).toEqual(link);
  });

  it("defaults: INR, customer fields null; a zero-decimal currency keeps its amount", async () => {
    const link = await createLink(api, merchant, { amount: 1500, currency: "JPY" });
    expect(link).toMatchObject({ currency: "JPY", amount: 1500, customer: { name: null, email: null, contact: null } });
  });

  it("honours Idempotency-Key: the same request twice makes one link", async () => {
    const body = { amount: 700, description: "Once" };
    const first = await post(api, merchant, "/payment_links", body, { "Idempotency-Key": "plink-once" });
    const second = await post(api, merchant, "/payment_links", body, { "Idempotency-Key": "plink-once" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await second.json()).data.id).toBe((await first.json()).data.id);
  });
});

describe("GET /payment_links", () => {
  it("lists newest first in the list envelope, filtered by status", async () => {
    const shop = await api.registerMerchant("Lister");
    const a = await createLink(api, shop, { description: "A" });
    const b = await createLink(api, shop, { description: "B" });
    expect((await post(api, shop, `/payment_links/${a.id}/cancel`)).status).toBe(200);
    const all = await getJson<{ items: PaymentLink[]; has_more: boolean; limit: number; offset: number }>(
      api,
      shop,
      "/payment_links?limit=10",
    );
    expect(all.items.map((link) => link.id)).toEqual([b.id, a.id]);
    expect(all).toMatchObject({ has_more: false, limit: 10, offset: 0 });
    const cancelled = await getJson<{ items: PaymentLink[] }>(api, shop, "/payment_links?status=cancelled");
    expect(cancelled.items.map((link) => link.id)).toEqual([a.id]);
    const firstPage = await getJson<{ items: PaymentLink[]; has_more: boolean }>(api, shop, "/payment_links?limit=1");
    expect(firstPage).toMatchObject({ has_more: true, items: [{ id: b.id }] });
  });
});

describe("the hosted page's public endpoint and paying a link", () => {
  it("GET /checkout/links/:id needs no key and gives the page what it needs, no secret", async () => {
    const link = await createLink(api, merchant, {
      amount: 1234,
      description: "Tea set",
      reference_id: "private-ref",
      customer: { email: "private@example.com" },
    });
    const response = await api.request(`/api/v1/checkout/links/${link.id}`, {
      headers: { Origin: "https://pay.example.test" },
    });
    expect(response.status).toBe(200);
    // A public checkout endpoint (SPEC §3): any origin, no credentials.
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const text = await response.text();
    const page = JSON.parse(text).data;
    expect(page).toMatchObject({
      payment_link: { id: link.id, amount: 1234, currency: "INR", description: "Tea set", status: "created" },
      merchant: { name: "Kurta House" },
      order: { id: link.order_id, amount: 1234, amount_due: 1234, status: "created" },
      key: merchant.api_key,
      test_mode: true,
    });
    expect(page.methods).toEqual(["card", "upi", "netbanking", "wallet"]);
    for (const secret of [merchant.api_secret, merchant.webhook_secret, "private-ref", "private@example.com"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("a captured payment on its order pays the link: status paid, paid_at, payment_link.paid in the same change", async () => {
    const link = await createLink(api, merchant, { amount: 50_000, description: "Silk saree" });
    const paid = await payLink(api, merchant, link.id, LINK_CARD);
    const after = await getLink(api, merchant, link.id);
    expect(after.status).toBe("paid");
    expect(after.paid_at).not.toBeNull();
    expect((await order(link.order_id)).status).toBe("paid");

    const recorded = (await linkEvents(link.id)).filter((row) => row.type === "payment_link.paid");
    expect(recorded).toHaveLength(1);
    const data = (recorded[0]?.payload as { data: Record<string, { id: string; status: string }> }).data;
    expect(data.payment_link).toMatchObject({ id: link.id, status: "paid" });
    expect(data.payment).toMatchObject({ id: paid.id, status: "captured" });
    expect(data.order).toMatchObject({ id: link.order_id, status: "paid" });

    const { meta, exception } = await expectClosedLink(api, link.id, "paid");
    expect(exception.description).toBe("This link has been paid");
    expect(meta).toMatchObject({
      payment_id: paid.id,
      key: merchant.api_key,
      merchant: { name: "Kurta House" },
      payment_link: { id: link.id, amount: 50_000, status: "paid", paid_at: after.paid_at },
    });
  });

  it("a merchant-side manual capture of the link's order pays the link too", async () => {
    const link = await createLink(api, merchant, { amount: 800 });
    const manual = await authorizedPayment(api, merchant, link.order_id);
    expect((await getLink(api, merchant, link.id)).status).toBe("created");
    expect((await post(api, merchant, `/payments/${manual.id}/capture`)).status).toBe(200);
    expect((await getLink(api, merchant, link.id)).status).toBe("paid");
  });
});

describe("cancel", () => {
  it("cancels the link and its order, voiding its authorization; again answers the same", async () => {
    const link = await createLink(api, merchant, { amount: 900 });
    const manual = await authorizedPayment(api, merchant, link.order_id);
    const response = await post(api, merchant, `/payment_links/${link.id}/cancel`);
    expect(response.status).toBe(200);
    expect((await response.json()).data).toMatchObject({ id: link.id, status: "cancelled" });
    expect((await order(link.order_id)).status).toBe("cancelled");
    expect(await payment(manual.id)).toMatchObject({ status: "voided", error_code: "order_cancelled" });
    const { exception } = await expectClosedLink(api, link.id, "cancelled");
    expect(exception.description).toBe("This link was cancelled");
    const again = await post(api, merchant, `/payment_links/${link.id}/cancel`);
    expect(again.status).toBe(200);
    expect((await again.json()).data.status).toBe("cancelled");
  });

  it("cancelling the link's order through the orders API cancels the link", async () => {
    const link = await createLink(api, merchant, { amount: 300 });
    expect((await post(api, merchant, `/orders/${link.order_id}/cancel`)).status).toBe(200);
    expect((await getLink(api, merchant, link.id)).status).toBe("cancelled");
  });
});

describe("expiry by the scheduler (test clock)", () => {
  it("at expire_by the link expires, its order is cancelled and its authorization voided", async () => {
    const expireBy = new Date((await clockNow()) + 2 * HOUR * 1000).toISOString();
    const link = await createLink(api, merchant, { amount: 1100, expire_by: expireBy });
    expect(link.expire_by).toBe(expireBy);
    const manual = await authorizedPayment(api, merchant, link.order_id);
    const untouched = await createLink(api, merchant, { amount: 1200 });

    await advanceClock(api, merchant, HOUR);
    expect((await getLink(api, merchant, link.id)).status).toBe("created");
    await openPayableLink(api, link.id);

    await advanceClock(api, merchant, HOUR + 1);
    expect((await getLink(api, merchant, link.id)).status).toBe("expired");
    expect((await order(link.order_id)).status).toBe("cancelled");
    expect(await payment(manual.id)).toMatchObject({ status: "voided", error_code: "order_cancelled" });
    const { exception, meta } = await expectClosedLink(api, link.id, "expired");
    expect(exception.description).toBe("This link has expired");
    expect(meta.payment_id).toBeNull();
    expect((await getLink(api, merchant, untouched.id)).status).toBe("created");
  });

  it("a paid link stays paid when its expiry comes", async () => {
    const expireBy = new Date((await clockNow()) + HOUR * 1000).toISOString();
    const link = await createLink(api, merchant, { amount: 1300, expire_by: expireBy });
    await payLink(api, merchant, link.id);
    await advanceClock(api, merchant, 2 * HOUR);
    expect((await getLink(api, merchant, link.id)).status).toBe("paid");
    expect((await order(link.order_id)).status).toBe("paid");
  });
});

it("the test merchant's credentials are usable for links (key auth)", async () => {
  const response = await api.request("/api/v1/payment_links", { auth: keyAuth(merchant) });
  expect(response.status).toBe(200);
});
