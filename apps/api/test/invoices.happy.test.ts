import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { createDraft, getInvoice, type InvoiceView, invoiceCall, invoiceEvents, sentInvoice } from "./invoice-helpers.js";
import { advanceClock, getJson } from "./money-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({ CHECKOUT_URL: "https://pay.example.test/" });
  merchant = await api.registerMerchant("Rao Studio");
});
afterAll(() => api?.close());

const payPublicly = async (orderId: string) => {
  const response = await api.request("/api/v1/payments/public", {
    method: "POST",
    json: {
      key: merchant.api_key,
      order_id: orderId,
      method: "card",
      card: { number: "4111111111111111", expiry: "12/34", cvv: "123" },
    },
  });
  expect(response.status).toBe(201);
  return (await response.json()).data as { id: string };
};

describe("invoices: draft → sent → viewed → paid", () => {
  let invoice: InvoiceView;

  it("POST /invoices creates a priced draft (201)", async () => {
    invoice = await createDraft(api, merchant, { due_date: "2099-01-31", notes: "Thanks!", terms: "Net 30" });
    expect(invoice).toMatchObject({
      number: null,
      status: "draft",
      currency: "INR",
      customer: { name: "Asha Rao", email: "asha@example.com" },
      line_items: [
        { name: "Design work", quantity: 3, unit_amount: 150_000, amount: 450_000 },
        { name: "Hosting", quantity: 1, unit_amount: 49_900, amount: 49_900 },
      ],
      subtotal: 499_900,
      discount_amount: 0,
      tax_amount: 89_982,
      total: 589_882,
      amount_paid: 0,
      amount_due: 589_882,
      due_date: "2099-01-31",
      url: null,
      order_id: null,
      sent_at: null,
    });
    expect(invoice.id).toMatch(/^inv_/);
  });

  it("PATCH edits a draft and prices it again", async () => {
    const response = await invoiceCall(api, merchant, "PATCH", `/invoices/${invoice.id}`, {
      line_items: [{ name: "Design work", quantity: 2, unit_amount: 150_000 }],
      tax_bps: 500,
      notes: null,
    });
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data).toMatchObject({ subtotal: 300_000, tax_amount: 15_000, total: 315_000, notes: null, terms: "Net 30" });
    expect(await getInvoice(api, merchant, invoice.id)).toMatchObject({ total: 315_000, status: "draft" });
  });

  it("send numbers it, creates its order, sets the URL and records invoice.sent", async () => {
    const response = await invoiceCall(api, merchant, "POST", `/invoices/${invoice.id}/send`);
    expect(response.status).toBe(200);
    invoice = (await response.json()).data;
    expect(invoice).toMatchObject({ status: "sent", number: "INV-000001", url: `https://pay.example.test/i/${invoice.id}` });
    expect(invoice.sent_at).not.toBeNull();
    const order = await getJson<{ amount: number; currency: string; status: string; receipt: string }>(
      api,
      merchant,
      `/orders/${invoice.order_id}`,
    );
    expect(order).toMatchObject({ amount: 315_000, currency: "INR", status: "created", receipt: "INV-000001" });
    const recorded = await invoiceEvents(api, invoice.id);
    expect(recorded.map((event) => event.type)).toEqual(["invoice.sent"]);
    expect(recorded[0]?.payload.data.invoice).toMatchObject({ id: invoice.id, status: "sent", number: "INV-000001" });
  });

  it("GET /invoices?status= lists by status, newest first", async () => {
    const draft = await createDraft(api, merchant);
    const sent = await getJson<{ items: InvoiceView[] }>(api, merchant, "/invoices?status=sent");
    expect(sent.items.map((item) => item.id)).toEqual([invoice.id]);
    const drafts = await getJson<{ items: InvoiceView[] }>(api, merchant, "/invoices?status=draft");
    expect(drafts.items.map((item) => item.id)).toEqual([draft.id]);
    const all = await getJson<{ items: InvoiceView[]; has_more: boolean }>(api, merchant, "/invoices?limit=1");
    expect(all.items.map((item) => item.id)).toEqual([draft.id]);
    expect(all.has_more).toBe(true);
  });

  it("the public GET /checkout/invoices/:id (no key) moves it to viewed and gives the page what it needs", async () => {
    const response = await api.request(`/api/v1/checkout/invoices/${invoice.id}`);
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data).toMatchObject({
      invoice: { id: invoice.id, number: "INV-000001", status: "viewed", total: 315_000, order_id: invoice.order_id },
      merchant: { name: "Rao Studio" },
      key: merchant.api_key,
      test_mode: true,
    });
    const viewed = await getInvoice(api, merchant, invoice.id);
    expect(viewed.status).toBe("viewed");
    expect(viewed.viewed_at).not.toBeNull();
    // Viewing again changes nothing.
    await api.request(`/api/v1/checkout/invoices/${invoice.id}`);
    expect((await getInvoice(api, merchant, invoice.id)).viewed_at).toBe(viewed.viewed_at);
  });

  it("paying its order (the checkout's public payment) makes it paid, with invoice.paid", async () => {
    const payment = await payPublicly(invoice.order_id ?? "");
    const paid = await eventually(async () => {
      const current = await getInvoice(api, merchant, invoice.id);
      return current.status === "paid" ? current : undefined;
    });
    expect(paid).toMatchObject({ amount_paid: 315_000, amount_due: 0 });
    expect(paid.paid_at).not.toBeNull();
    const recorded = await invoiceEvents(api, invoice.id);
    expect(recorded.map((event) => event.type)).toEqual(["invoice.sent", "invoice.paid"]);
    const data = recorded[1]?.payload.data;
    expect(data?.invoice).toMatchObject({ id: invoice.id, status: "paid" });
    expect(data?.payment).toMatchObject({ id: payment.id, status: "captured" });
    expect(data?.order).toMatchObject({ id: invoice.order_id, status: "paid" });
    const { data: publicView } = await (await api.request(`/api/v1/checkout/invoices/${invoice.id}`)).json();
    expect(publicView.invoice.status).toBe("paid");
  });

  it("Idempotency-Key on create: a replay returns the same draft", async () => {
    const init = { method: "POST", auth: keyAuth(merchant), headers: { "Idempotency-Key": "inv-create-1" } };
    const body = { customer: { name: "B", email: "b@example.com" }, line_items: [{ name: "X", quantity: 1, unit_amount: 100 }] };
    const first = await (await api.request("/api/v1/invoices", { ...init, json: body })).json();
    const again = await api.request("/api/v1/invoices", { ...init, json: body });
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await again.json()).data.id).toBe(first.data.id);
  });
});

describe("cancel and overdue", () => {
  it("cancel a sent invoice: its order is cancelled too and cannot be paid", async () => {
    const invoice = await sentInvoice(api, merchant);
    const response = await invoiceCall(api, merchant, "POST", `/invoices/${invoice.id}/cancel`);
    expect(response.status).toBe(200);
    expect((await response.json()).data).toMatchObject({ status: "cancelled", amount_due: 0 });
    const order = await getJson<{ status: string }>(api, merchant, `/orders/${invoice.order_id}`);
    expect(order.status).toBe("cancelled");
    const { data } = await (await api.request(`/api/v1/checkout/invoices/${invoice.id}`)).json();
    expect(data.invoice.status).toBe("cancelled");
  });

  it("a draft can be cancelled; its number is never taken", async () => {
    const draft = await createDraft(api, merchant);
    const response = await invoiceCall(api, merchant, "POST", `/invoices/${draft.id}/cancel`);
    expect((await response.json()).data).toMatchObject({ status: "cancelled", number: null });
  });

  it("goes overdue at the end of its due date (UTC) on the test clock, and can still be paid", async () => {
    const clock = await getJson<{ now: string }>(api, merchant, "/test/clock");
    const today = clock.now.slice(0, 10);
    const invoice = await sentInvoice(api, merchant, { due_date: today });
    const endOfToday = Date.parse(`${today}T00:00:00Z`) + 86_400_000;
    const secondsLeft = Math.floor((endOfToday - Date.parse(clock.now)) / 1000);
    // Just before the end of the due date: still sent.
    if (secondsLeft > 60) await advanceClock(api, merchant, secondsLeft - 60);
    expect((await getInvoice(api, merchant, invoice.id)).status).toBe("sent");
    await advanceClock(api, merchant, 120);
    expect((await getInvoice(api, merchant, invoice.id)).status).toBe("overdue");
    // Overdue is not final: its order still pays it.
    await payPublicly(invoice.order_id ?? "");
    const paid = await eventually(async () => {
      const current = await getInvoice(api, merchant, invoice.id);
      return current.status === "paid" ? current : undefined;
    });
    expect(paid.amount_due).toBe(0);
  });
});
