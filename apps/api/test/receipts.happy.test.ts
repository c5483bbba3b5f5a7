import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../src/db/schema/index.js";
import { keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { post } from "./money-helpers.js";
import { settledRefund } from "./payment-helpers.js";
import { emailsTo, payOrder, responsePdfText, testEmails } from "./receipt-helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("receipt numbers", () => {
  it("number each merchant's captures RCPT-000001, 000002, … and leave uncaptured payments without one", async () => {
    const shop = await api.registerMerchant("Numbered Shop");
    const other = await api.registerMerchant("Other Shop");
    const first = await payOrder(api, shop);
    // A declined payment and an authorization take no number: the next capture gets the next one.
    const declined = await payOrder(api, shop, { status: "failed", payment: { card: { ...cardOf("4000000000000002") } } });
    const authorized = await payOrder(api, shop, { status: "authorized", payment: { capture: "manual" } });
    const second = await payOrder(api, shop);
    const elsewhere = await payOrder(api, other);

    expect(first.receipt_number).toBe("RCPT-000001");
    expect(declined.receipt_number).toBeNull();
    expect(authorized.receipt_number).toBeNull();
    expect(second.receipt_number).toBe("RCPT-000002");
    expect(elsewhere.receipt_number).toBe("RCPT-000001");

    const captured = await post(api, shop, `/payments/${authorized.id}/capture`);
    expect(captured.status).toBe(200);
    expect((await captured.json()).data.receipt_number).toBe("RCPT-000003");
  });

  it("puts the receipt number in the payment.captured event", async () => {
    const shop = await api.registerMerchant();
    const payment = await payOrder(api, shop);
    const rows = await api.runtime.database.db
      .select({ type: events.type, payload: events.payload })
      .from(events)
      .where(sql`${events.payload}->'data'->'payment'->>'id' = ${payment.id}`)
      .orderBy(asc(events.createdAt));
    const capturedEvent = rows.find((row) => row.type === "payment.captured");
    expect(capturedEvent?.payload).toMatchObject({ data: { payment: { receipt_number: "RCPT-000001" } } });
  });
});

describe("receipt PDFs", () => {
  let shop: MerchantCredentials;
  beforeAll(async () => {
    shop = await api.registerMerchant("Chai Point Traders");
  });

  it("GET /payments/:id/receipt gives the merchant the PDF: name, number, amount in rupees, method, ids", async () => {
    const payment = await payOrder(api, shop, { amount: 123_456, receipt: "order-1001", payment: { email: "asha@example.com" } });
    const response = await api.request(`/api/v1/payments/${payment.id}/receipt`, { auth: keyAuth(shop) });
    expect(response.headers.get("content-disposition")).toBe(`inline; filename="${payment.receipt_number}.pdf"`);
    const text = await responsePdfText(response);
    for (const expected of [
      "Chai Point Traders",
      "RECEIPT",
      String(payment.receipt_number),
      "₹1,234.56",
      "Visa ending 4242",
      payment.id,
      payment.order_id,
      "asha@example.com",
      "Order reference order-1001",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("GET /checkout/payments/:id/receipt?key= gives the shopper the same receipt as a download", async () => {
    const payment = await payOrder(api, shop, { amount: 1500, currency: "JPY" });
    const response = await api.request(`/api/v1/checkout/payments/${payment.id}/receipt?key=${shop.api_key}`);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="receipt-${payment.receipt_number}.pdf"`);
    // A public checkout endpoint: any origin may fetch it (SPEC §3).
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const text = await responsePdfText(response);
    expect(text).toContain(String(payment.receipt_number));
    expect(text).toMatch(/(¥|JP¥)1,500/);
    expect(text).not.toContain("1,500.00");
  });

  it("shows what was refunded on a refunded payment's receipt", async () => {
    const payment = await payOrder(api, shop, { amount: 5000 });
    const refund = await post(api, shop, `/payments/${payment.id}/refunds`, { amount: 2000 });
    expect(refund.status).toBe(201);
    expect((await settledRefund(api, shop, (await refund.json()).data.id)).status).toBe("processed");
    const text = await responsePdfText(await api.request(`/api/v1/payments/${payment.id}/receipt`, { auth: keyAuth(shop) }));
    expect(text).toMatch(/Refunded\s+₹20\.00/);
  });
});

describe("receipt emails", () => {
  it("email a payment's receipt to its email when it is captured, listed by /test/emails and /emails", async () => {
    const shop = await api.registerMerchant("Tea & Co");
    const to = `Shopper.${Date.now()}@Example.com`;
    const payment = await payOrder(api, shop, { amount: 49_900, payment: { email: to } });
    // Matched exactly but without case.
    const [email] = await emailsTo(api, shop, to.toLowerCase());
    expect(email?.to).toBe(to);
    expect(email?.subject).toBe(`Your receipt from Tea & Co (${payment.receipt_number})`);
    expect(email?.text).toContain("Thank you for your payment of ₹499.00 to Tea & Co.");
    expect(email?.text).toContain(`Receipt number: ${payment.receipt_number}`);
    const receiptUrl = `${api.config.apiUrl}/api/v1/checkout/payments/${payment.id}/receipt?key=${shop.api_key}`;
    expect(email?.text).toContain(receiptUrl);
    expect(email?.html).toContain("Tea &amp; Co");
    expect(email?.html).toContain(`href="${receiptUrl}"`);

    // The link in the email is the shopper's receipt.
    const link = new URL(receiptUrl);
    const text = await responsePdfText(await api.request(`${link.pathname}${link.search}`));
    expect(text).toContain(String(payment.receipt_number));

    const listed = await api.request(`/api/v1/emails?payment_id=${payment.id}`, { auth: keyAuth(shop) });
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()).data;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: email?.id,
      kind: "receipt",
      status: "recorded",
      payment_id: payment.id,
      invoice_id: null,
    });
  });

  it("send nothing for a payment without an email, nor before capture", async () => {
    const shop = await api.registerMerchant();
    await payOrder(api, shop);
    const to = `later-${Date.now()}@example.com`;
    const authorized = await payOrder(api, shop, { status: "authorized", payment: { capture: "manual", email: to } });
    expect(await testEmails(api, shop, to)).toEqual([]);
    const all = await api.request("/api/v1/emails", { auth: keyAuth(shop) });
    expect((await all.json()).data.items).toEqual([]);
    expect((await post(api, shop, `/payments/${authorized.id}/capture`)).status).toBe(200);
    expect(await emailsTo(api, shop, to)).toHaveLength(1);
  });

  it("lists newest first", async () => {
    const shop = await api.registerMerchant();
    const to = `repeat-${Date.now()}@example.com`;
    const first = await payOrder(api, shop, { payment: { email: to } });
    const second = await payOrder(api, shop, { payment: { email: to } });
    const emails = await emailsTo(api, shop, to, 2);
    expect(emails.map((email) => email.subject)).toEqual([
      expect.stringContaining(String(second.receipt_number)),
      expect.stringContaining(String(first.receipt_number)),
    ]);
  });
});

function cardOf(number: string) {
  return { number, expiry: "12/34", cvv: "123" };
}
