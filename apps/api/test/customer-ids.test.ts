import type { CheckoutOrder, PaymentLink } from "@paygate/contracts";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices } from "../src/db/schema/index.js";
import { createCustomer, publicPayment, savedCards } from "./customer-helpers.js";
import { eventually, expectError, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { createDraft, getInvoice, invoiceBody, invoiceCall, sentInvoice } from "./invoice-helpers.js";
import { getJson, post } from "./money-helpers.js";
import { settledPayment } from "./payment-helpers.js";
import { createLink, getLink, LINK_CARD, openPayableLink, rowCounts } from "./payment-link-helpers.js";

/** SPEC §15: payment links and invoices may carry `customer_id`, and so do the orders they create. */

let api: TestApi;
let merchant: MerchantCredentials;
let intruder: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant("Owner");
  intruder = await api.registerMerchant("Intruder");
});
afterAll(() => api?.close());

const UNKNOWN_CUSTOMER = "cust_doesnotexist0000";

const orderOf = (id: string) => getJson<{ id: string; customer_id: string | null }>(api, merchant, `/orders/${id}`);

async function checkoutOrder(orderId: string) {
  const response = await api.request(`/api/v1/checkout/orders/${orderId}?key=${merchant.api_key}`);
  expect(response.status).toBe(200);
  return (await response.json()).data as CheckoutOrder;
}

async function invoiceCount(merchantId: string) {
  const [row] = await api.runtime.database.db.select({ n: count() }).from(invoices).where(eq(invoices.merchantId, merchantId));
  return row?.n ?? 0;
}

describe("payment links and invoices for a customer", () => {
  it("a link carries its customer_id, its order too, and its page can save the card", async () => {
    const customer = await createCustomer(api, merchant, { email: "link-buyer@example.com" });
    const link = await createLink(api, merchant, { customer_id: customer.id });
    expect(link.customer_id).toBe(customer.id);
    expect((await getLink(api, merchant, link.id)).customer_id).toBe(customer.id);
    const listed = await getJson<{ items: PaymentLink[] }>(api, merchant, "/payment_links?limit=100");
    expect(listed.items.find((item) => item.id === link.id)?.customer_id).toBe(customer.id);
    expect((await orderOf(link.order_id)).customer_id).toBe(customer.id);

    const page = await openPayableLink(api, link.id);
    expect(page.can_save_card).toBe(true);
    const response = await publicPayment(api, merchant, page.order.id, { method: "card", card: LINK_CARD, save_card: true });
    expect(response.status, await response.clone().text()).toBe(201);
    await settledPayment(api, merchant, (await response.json()).data.id, "captured");
    const cards = await eventually(async () => {
      const found = await savedCards(api, merchant, customer.id);
      return found.length > 0 ? found : undefined;
    });
    expect(cards.map((card) => card.card.last4)).toEqual(["1111"]);
  });

  it("a link without a customer has customer_id null and its page offers no saving", async () => {
    const link = await createLink(api, merchant);
    expect(link.customer_id).toBeNull();
    expect((await orderOf(link.order_id)).customer_id).toBeNull();
    expect((await openPayableLink(api, link.id)).can_save_card).toBe(false);
  });

  it("an invoice carries its customer_id, set, changed and cleared on the draft; its order carries it", async () => {
    const first = await createCustomer(api, merchant, { email: "first@example.com" });
    const second = await createCustomer(api, merchant, { email: "second@example.com" });
    const draft = await createDraft(api, merchant, { customer_id: first.id });
    expect(draft).toMatchObject({ customer_id: first.id });

    const cleared = await invoiceCall(api, merchant, "PATCH", `/invoices/${draft.id}`, { customer_id: null });
    expect(cleared.status).toBe(200);
    expect((await cleared.json()).data.customer_id).toBeNull();
    const changed = await invoiceCall(api, merchant, "PATCH", `/invoices/${draft.id}`, { customer_id: second.id });
    expect(changed.status).toBe(200);
    expect((await changed.json()).data.customer_id).toBe(second.id);
    // A patch that does not name customer_id keeps it.
    expect(
      (await (await invoiceCall(api, merchant, "PATCH", `/invoices/${draft.id}`, { tax_bps: 0 })).json()).data.customer_id,
    ).toBe(second.id);

    const sent = await invoiceCall(api, merchant, "POST", `/invoices/${draft.id}/send`);
    expect(sent.status, await sent.clone().text()).toBe(200);
    const invoice = (await sent.json()).data as { customer_id: string | null; order_id: string };
    expect(invoice.customer_id).toBe(second.id);
    expect((await orderOf(invoice.order_id)).customer_id).toBe(second.id);
    expect((await checkoutOrder(invoice.order_id)).can_save_card).toBe(true);
  });

  it("an invoice without a customer sends an order without one", async () => {
    const invoice = await sentInvoice(api, merchant);
    expect((await getInvoice(api, merchant, invoice.id)).customer_id).toBeNull();
    expect((await orderOf(invoice.order_id ?? "")).customer_id).toBeNull();
  });
});

describe("an unknown customer is refused and nothing is written", () => {
  it("a payment link for an unknown customer is 404 naming customer_id; a malformed one is 400", async () => {
    const before = await rowCounts(api, merchant.merchant_id);
    const body = { amount: 25_000, description: "Blue kurta" };
    const error = await expectError(
      await post(api, merchant, "/payment_links", { ...body, customer_id: UNKNOWN_CUSTOMER }),
      404,
      "not_found",
    );
    expect(error.param).toBe("customer_id");
    const malformed = await expectError(
      await post(api, merchant, "/payment_links", { ...body, customer_id: "order_abc" }),
      400,
      "validation_error",
    );
    expect(malformed.param).toBe("customer_id");
    expect(await rowCounts(api, merchant.merchant_id)).toEqual(before);
  });

  it("an invoice for an unknown customer is 404 naming customer_id, on create and on update", async () => {
    const draft = await createDraft(api, merchant);
    const before = await invoiceCount(merchant.merchant_id);
    const created = await invoiceCall(api, merchant, "POST", "/invoices", invoiceBody({ customer_id: UNKNOWN_CUSTOMER }));
    expect((await expectError(created, 404, "not_found")).param).toBe("customer_id");
    const malformed = await invoiceCall(api, merchant, "POST", "/invoices", invoiceBody({ customer_id: "cust" }));
    expect((await expectError(malformed, 400, "validation_error")).param).toBe("customer_id");
    const updated = await invoiceCall(api, merchant, "PATCH", `/invoices/${draft.id}`, {
      customer_id: UNKNOWN_CUSTOMER,
      tax_bps: 0,
    });
    expect((await expectError(updated, 404, "not_found")).param).toBe("customer_id");
    expect(await invoiceCount(merchant.merchant_id)).toBe(before);
    expect(await getInvoice(api, merchant, draft.id)).toEqual(draft);
  });
});

describe("another merchant's customer is not found", () => {
  it("a link or an invoice for another merchant's customer is 404; nothing is written", async () => {
    const theirs = await createCustomer(api, merchant, { email: "owned@example.com" });
    const links = await rowCounts(api, intruder.merchant_id);
    const invoiceRows = await invoiceCount(intruder.merchant_id);
    const link = await post(api, intruder, "/payment_links", { amount: 100, description: "Phish", customer_id: theirs.id });
    expect((await expectError(link, 404, "not_found")).param).toBe("customer_id");
    const created = await invoiceCall(api, intruder, "POST", "/invoices", invoiceBody({ customer_id: theirs.id }));
    expect((await expectError(created, 404, "not_found")).param).toBe("customer_id");
    const draft = await createDraft(api, intruder);
    const updated = await invoiceCall(api, intruder, "PATCH", `/invoices/${draft.id}`, { customer_id: theirs.id });
    expect((await expectError(updated, 404, "not_found")).param).toBe("customer_id");
    expect(await getInvoice(api, intruder, draft.id)).toMatchObject({ customer_id: null });
    expect(await rowCounts(api, intruder.merchant_id)).toEqual(links);
    expect(await invoiceCount(intruder.merchant_id)).toBe(invoiceRows + 1);
  });
});
