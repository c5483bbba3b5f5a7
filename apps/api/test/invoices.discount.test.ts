import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, expectError, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { createDraft, getInvoice, invoiceCall, invoiceCount, sentInvoice } from "./invoice-helpers.js";
import { getJson, post } from "./money-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

async function createCode(body: Record<string, unknown>) {
  const response = await post(api, merchant, "/discounts", body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).data as { id: string; times_used: number };
}
const timesUsed = async (id: string) => (await getJson<{ times_used: number }>(api, merchant, `/discounts/${id}`)).times_used;
const lines = [{ name: "Consulting", quantity: 4, unit_amount: 25_000 }];

describe("discount_code on invoices (promo codes)", () => {
  it("a percentage code discounts the subtotal before tax; the order is for the total, with no discount of its own", async () => {
    await createCode({ code: "TENOFF", type: "percentage", value: 1000 });
    const draft = await createDraft(api, merchant, { line_items: lines, tax_bps: 1800, discount_code: "tenoff" });
    expect(draft).toMatchObject({ subtotal: 100_000, discount_amount: 10_000, tax_amount: 16_200, total: 106_200 });
    const sent = (await (await invoiceCall(api, merchant, "POST", `/invoices/${draft.id}/send`)).json()).data;
    const order = await getJson<{ amount: number; amount_due: number; discount: unknown }>(
      api,
      merchant,
      `/orders/${sent.order_id}`,
    );
    expect(order).toMatchObject({ amount: 106_200, amount_due: 106_200, discount: null });
  });

  it("an unknown, expired or other-currency code → 409 discount_invalid with its reason, nothing written", async () => {
    await createCode({ code: "USDONLY", type: "fixed", value: 500, currency: "USD" });
    const before = await invoiceCount(api, merchant);
    for (const [code, reason] of [
      ["NOSUCH", "unknown"],
      ["USDONLY", "currency"],
    ]) {
      const response = await invoiceCall(api, merchant, "POST", "/invoices", {
        customer: { name: "C", email: "c@example.com" },
        line_items: lines,
        discount_code: code,
      });
      const body = await response.clone().json();
      const error = await expectError(response, 409, "discount_invalid");
      expect(error.param).toBe("discount_code");
      expect(body.exception.meta.reason).toBe(reason);
    }
    expect(await invoiceCount(api, merchant)).toBe(before);
  });

  it("send reserves the code's use; cancel releases it; paying redeems it", async () => {
    const code = await createCode({ code: "ONCE", type: "fixed", value: 1_000, currency: "INR", max_uses: 1 });
    const first = await createDraft(api, merchant, { line_items: lines, discount_code: "ONCE" });
    const second = await createDraft(api, merchant, { line_items: lines, discount_code: "ONCE" });
    expect(await timesUsed(code.id)).toBe(0);
    expect((await invoiceCall(api, merchant, "POST", `/invoices/${first.id}/send`)).status).toBe(200);
    expect(await timesUsed(code.id)).toBe(1);
    // The last use is taken: the second send fails and spends no number.
    const refused = await invoiceCall(api, merchant, "POST", `/invoices/${second.id}/send`);
    const body = await refused.clone().json();
    await expectError(refused, 409, "discount_invalid");
    expect(body.exception.meta.reason).toBe("exhausted");
    expect((await getInvoice(api, merchant, second.id)).status).toBe("draft");

    await invoiceCall(api, merchant, "POST", `/invoices/${first.id}/cancel`);
    expect(await timesUsed(code.id)).toBe(0);
    const sent = (await (await invoiceCall(api, merchant, "POST", `/invoices/${second.id}/send`)).json()).data;
    expect(sent).toMatchObject({ status: "sent", discount_amount: 1_000, tax_amount: 17_820, total: 116_820 });
    expect(Number(sent.number.slice(4))).toBe(Number((await getInvoice(api, merchant, first.id)).number?.slice(4)) + 1);

    await post(api, merchant, "/payments", {
      order_id: sent.order_id,
      method: "card",
      card: { number: "4111111111111111", expiry: "12/34", cvv: "123" },
    });
    await eventually(async () => ((await getInvoice(api, merchant, second.id)).status === "paid" ? true : undefined));
    expect(await timesUsed(code.id)).toBe(1);
  });

  it("an invoice's order takes no promo code in its checkout: 400 validation_error naming code, nothing written", async () => {
    const code = await createCode({ code: "SECOND", type: "percentage", value: 5000 });
    await createCode({ code: "FIRST", type: "fixed", value: 2_000, currency: "INR" });
    const sent = await sentInvoice(api, merchant, { line_items: lines, tax_bps: 0, discount_code: "FIRST" });
    const checkoutOrder = async () =>
      (await (await api.request(`/api/v1/checkout/orders/${sent.order_id}?key=${merchant.api_key}`)).json()).data;
    const before = await checkoutOrder();
    expect(before).toMatchObject({ promo_codes: false, order: { amount_due: 98_000, discount: null } });

    const response = await api.request(`/api/v1/checkout/orders/${sent.order_id}/discount`, {
      method: "POST",
      json: { key: merchant.api_key, code: "SECOND" },
    });
    const error = await expectError(response, 400, "validation_error");
    expect(error).toMatchObject({
      param: "code",
      description: "Promo codes apply to an invoice when it is drafted, not in its checkout",
    });
    expect(await checkoutOrder()).toEqual(before);
    expect(await timesUsed(code.id)).toBe(0);
    expect((await getInvoice(api, merchant, sent.id)).amount_due).toBe(98_000);

    // A plain order of the same merchant still offers the field.
    const plain = (await (await post(api, merchant, "/orders", { amount: 5_000, currency: "INR" })).json()).data;
    const plainCheckout = (await (await api.request(`/api/v1/checkout/orders/${plain.id}?key=${merchant.api_key}`)).json()).data;
    expect(plainCheckout.promo_codes).toBe(true);
  });
});
