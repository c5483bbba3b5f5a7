import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, expectError, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { createDraft, getInvoice, invoiceBody, invoiceCall, invoiceCount, sentInvoice } from "./invoice-helpers.js";
import { post } from "./money-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const line = (quantity: unknown, unit_amount: unknown = 100) => ({ name: "Item", quantity, unit_amount });

describe("bad input → 400 in the envelope, nothing written", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["a negative quantity", { line_items: [line(-1)] }, "line_items.0.quantity"],
    ["a zero quantity", { line_items: [line(0)] }, "line_items.0.quantity"],
    ["a fractional quantity", { line_items: [line(1.5)] }, "line_items.0.quantity"],
    ["a fractional unit amount", { line_items: [line(1, 10.5)] }, "line_items.0.unit_amount"],
    ["a negative unit amount", { line_items: [line(1, -100)] }, "line_items.0.unit_amount"],
    ["no line items", { line_items: [] }, "line_items"],
    ["51 line items", { line_items: Array.from({ length: 51 }, () => line(1)) }, "line_items"],
    ["tax over 100 %", { tax_bps: 10_001 }, "tax_bps"],
    ["negative tax", { tax_bps: -1 }, "tax_bps"],
    ["a fractional tax rate", { tax_bps: 18.5 }, "tax_bps"],
    ["a lowercase currency", { currency: "inr" }, "currency"],
    ["a due date that is no date", { due_date: "2026-02-30" }, "due_date"],
    ["a due date with a time", { due_date: "2026-02-01T00:00:00Z" }, "due_date"],
    ["a missing customer email", { customer: { name: "A" } }, "customer.email"],
    ["an unknown field", { status: "paid" }, "status"],
    ["a writable-looking number", { number: "INV-000009" }, "number"],
    ["a NUL byte in a line's name", { line_items: [{ name: "a\u0000b", quantity: 1, unit_amount: 1 }] }, "line_items.0.name"],
  ];
  for (const [name, overrides, param] of cases) {
    it(name, async () => {
      const response = await invoiceCall(api, merchant, "POST", "/invoices", invoiceBody(overrides));
      const error = await expectError(response, 400, "validation_error");
      expect(error.code).toBe(1000);
      expect(error.param).toBe(param);
      expect(await invoiceCount(api, merchant)).toBe(0);
    });
  }

  it("50 line items are fine", async () => {
    const draft = await createDraft(api, merchant, { line_items: Array.from({ length: 50 }, () => line(2, 5)) });
    expect(draft.subtotal).toBe(500);
    await invoiceCall(api, merchant, "POST", `/invoices/${draft.id}/cancel`);
  });

  it("a total beyond the amount range → 400 naming line_items", async () => {
    const before = await invoiceCount(api, merchant);
    const response = await invoiceCall(
      api,
      merchant,
      "POST",
      "/invoices",
      invoiceBody({ line_items: [line(1_000_000, 999_999_999)] }),
    );
    expect((await expectError(response, 400, "validation_error")).param).toBe("line_items");
    expect(await invoiceCount(api, merchant)).toBe(before);
  });

  it("an unknown discount code → 409 discount_invalid (reason unknown), nothing written", async () => {
    const before = await invoiceCount(api, merchant);
    const response = await invoiceCall(api, merchant, "POST", "/invoices", invoiceBody({ discount_code: "NOPE10" }));
    const body = await response.clone().json();
    const error = await expectError(response, 409, "discount_invalid");
    expect(error.code).toBe(1023);
    expect(body.exception.meta).toEqual({ reason: "unknown" });
    expect(await invoiceCount(api, merchant)).toBe(before);
  });

  it("a bad PATCH leaves the draft as it was", async () => {
    const draft = await createDraft(api, merchant);
    const response = await invoiceCall(api, merchant, "PATCH", `/invoices/${draft.id}`, { tax_bps: 20_000 });
    await expectError(response, 400, "validation_error");
    const unknown = await invoiceCall(api, merchant, "PATCH", `/invoices/${draft.id}`, { total: 1 });
    expect((await expectError(unknown, 400, "validation_error")).description).toContain("total");
    expect(await getInvoice(api, merchant, draft.id)).toEqual(draft);
  });

  it("a malformed id → 400, an unknown one → 404", async () => {
    await expectError(await invoiceCall(api, merchant, "GET", "/invoices/order_abcdefghijkl"), 400, "validation_error");
    await expectError(await invoiceCall(api, merchant, "GET", "/invoices/inv_doesnotexist000"), 404, "not_found");
    await expectError(await api.request("/api/v1/checkout/invoices/inv_doesnotexist000"), 404, "not_found");
  });
});

describe("wrong state → 409 invoice_state_invalid (code 1024), nothing changes", () => {
  it("PATCH and send on a sent invoice", async () => {
    const invoice = await sentInvoice(api, merchant);
    const patch = await invoiceCall(api, merchant, "PATCH", `/invoices/${invoice.id}`, { notes: "late edit" });
    expect((await expectError(patch, 409, "invoice_state_invalid")).code).toBe(1024);
    await expectError(await invoiceCall(api, merchant, "POST", `/invoices/${invoice.id}/send`), 409, "invoice_state_invalid");
    expect(await getInvoice(api, merchant, invoice.id)).toEqual(invoice);
  });

  it("cancel a paid invoice, and anything on a cancelled one", async () => {
    const invoice = await sentInvoice(api, merchant);
    await post(api, merchant, "/payments", {
      order_id: invoice.order_id,
      method: "card",
      card: { number: "4111111111111111", expiry: "12/34", cvv: "123" },
    });
    const paid = await eventually(async () => {
      const current = await getInvoice(api, merchant, invoice.id);
      return current.status === "paid" ? current : undefined;
    });
    await expectError(await invoiceCall(api, merchant, "POST", `/invoices/${invoice.id}/cancel`), 409, "invoice_state_invalid");
    expect(await getInvoice(api, merchant, invoice.id)).toEqual(paid);

    const draft = await createDraft(api, merchant);
    await invoiceCall(api, merchant, "POST", `/invoices/${draft.id}/cancel`);
    for (const [method, path] of [
      ["POST", "send"],
      ["POST", "cancel"],
    ] as const) {
      await expectError(await invoiceCall(api, merchant, method, `/invoices/${draft.id}/${path}`), 409, "invoice_state_invalid");
    }
    await expectError(
      await invoiceCall(api, merchant, "PATCH", `/invoices/${draft.id}`, { notes: "x" }),
      409,
      "invoice_state_invalid",
    );
  });

  it("a cancelled invoice's order refuses payments", async () => {
    const invoice = await sentInvoice(api, merchant);
    await invoiceCall(api, merchant, "POST", `/invoices/${invoice.id}/cancel`);
    const response = await post(api, merchant, "/payments", {
      order_id: invoice.order_id,
      method: "card",
      card: { number: "4111111111111111", expiry: "12/34", cvv: "123" },
    });
    await expectError(response, 409, "order_not_payable");
  });

  it("a draft is not public: the hosted page's read is 404 and does not mark it viewed", async () => {
    const draft = await createDraft(api, merchant);
    await expectError(await api.request(`/api/v1/checkout/invoices/${draft.id}`), 404, "not_found");
    expect((await getInvoice(api, merchant, draft.id)).status).toBe("draft");
  });
});
