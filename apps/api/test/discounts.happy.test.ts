import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "./customer-helpers.js";
import { applyCode, createDiscount, getDiscount, postOrder, removeCode } from "./discount-helpers.js";
import { keyAuth, type MerchantCredentials, startTestApi, type TestApi, validCard } from "./helpers.js";
import { createPayment, settledPayment } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const get = (path: string) => api.request(path, { auth: keyAuth(merchant) });
const post = (path: string, json: unknown) => api.request(path, { method: "POST", auth: keyAuth(merchant), json });

describe("promo codes", () => {
  it("creates, lists, reads and patches a code (stored uppercase)", async () => {
    const created = await createDiscount(api, merchant, {
      code: "summer-10",
      description: "Summer sale",
      type: "percentage",
      value: 1000,
      currency: "INR",
      max_discount_amount: 20000,
      min_order_amount: 10000,
      max_uses: 100,
      max_uses_per_customer: 2,
      valid_from: "2020-01-01T00:00:00Z",
      valid_until: "2099-01-01T00:00:00.000Z",
    });
    expect(created).toMatchObject({
      code: "SUMMER-10",
      description: "Summer sale",
      type: "percentage",
      value: 1000,
      currency: "INR",
      max_discount_amount: 20000,
      min_order_amount: 10000,
      max_uses: 100,
      max_uses_per_customer: 2,
      valid_from: "2020-01-01T00:00:00.000Z",
      valid_until: "2099-01-01T00:00:00.000Z",
      active: true,
      times_used: 0,
    });
    expect(created.id).toMatch(/^disc_[A-Za-z0-9]{16}$/);
    expect(await getDiscount(api, merchant, created.id)).toEqual(created);
    const list = (await (await get("/api/v1/discounts?limit=100")).json()).data;
    expect(list.items.map((d: { id: string }) => d.id)).toContain(created.id);

    const patched = await api.request(`/api/v1/discounts/${created.id}`, {
      method: "PATCH",
      auth: keyAuth(merchant),
      json: { active: false, max_uses: 5, description: null },
    });
    expect(patched.status).toBe(200);
    expect((await patched.json()).data).toMatchObject({ active: false, max_uses: 5, description: null, code: "SUMMER-10" });
  });

  it("validates without reserving: amount, caps and reasons", async () => {
    const code = await createDiscount(api, merchant, { code: "VAL15", type: "percentage", value: 1500 });
    const ok = (await (await post("/api/v1/discounts/validate", { code: "val15", amount: 1004, currency: "JPY" })).json()).data;
    expect(ok).toEqual({ valid: true, discount_amount: 151 }); // 150.6 → 151
    const unknown = (await (await post("/api/v1/discounts/validate", { code: "NOPE", amount: 1000, currency: "INR" })).json())
      .data;
    expect(unknown).toEqual({ valid: false, discount_amount: 0, reason: "unknown" });
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(0);
  });

  it("applies a code at order creation; the payment charges the amount due and the ledger the payment", async () => {
    const code = await createDiscount(api, merchant, {
      code: "FLAT50",
      type: "fixed",
      value: 5000,
      currency: "INR",
      max_uses: 10,
    });
    const response = await postOrder(api, merchant, { amount: 50000, discount_code: "flat50" });
    expect(response.status).toBe(201);
    const order = (await response.json()).data;
    expect(order).toMatchObject({ amount: 50000, discount: { code: "FLAT50", amount: 5000 }, amount_due: 45000, amount_paid: 0 });
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(1);

    const created = await createPayment(api, merchant, { order_id: order.id, method: "card", card: validCard });
    const payment = await settledPayment(api, merchant, (await created.json()).data.id, "captured");
    expect(payment.amount).toBe(45000);
    const paid = (await (await get(`/api/v1/orders/${order.id}`)).json()).data;
    expect(paid).toMatchObject({ status: "paid", amount_paid: 45000, amount_due: 0, discount: { code: "FLAT50", amount: 5000 } });
    const txns = (await (await get(`/api/v1/balance/transactions?source_id=${payment.id}`)).json()).data.items;
    expect(txns).toMatchObject([{ type: "payment", amount: 45000, fee: 900, net: 44100 }]);
    // Redeemed, still counted; a paid order's code cannot be removed.
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(1);
    expect((await removeCode(api, merchant, order.id)).status).toBe(409);
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(1);
  });

  it("applies, replaces and removes a code from the checkout, giving uses back", async () => {
    const a = await createDiscount(api, merchant, { code: "CHK-A", type: "percentage", value: 1000 });
    const b = await createDiscount(api, merchant, { code: "CHK-B", type: "fixed", value: 7500, currency: "INR" });
    const order = (await (await postOrder(api, merchant, { amount: 50000 })).json()).data;

    const applied = await applyCode(api, merchant, order.id, " chk-a ");
    expect(applied.status).toBe(200);
    expect((await applied.json()).data.order).toMatchObject({
      amount: 50000,
      amount_due: 45000,
      discount: { code: "CHK-A", amount: 5000 },
    });
    expect((await applyCode(api, merchant, order.id, "CHK-A")).status).toBe(200); // re-apply: no second use
    expect((await getDiscount(api, merchant, a.id)).times_used).toBe(1);

    const replaced = (await (await applyCode(api, merchant, order.id, "CHK-B")).json()).data.order;
    expect(replaced).toMatchObject({ amount_due: 42500, discount: { code: "CHK-B", amount: 7500 } });
    expect((await getDiscount(api, merchant, a.id)).times_used).toBe(0);
    expect((await getDiscount(api, merchant, b.id)).times_used).toBe(1);

    const removed = await removeCode(api, merchant, order.id);
    expect(removed.status).toBe(200);
    expect((await removed.json()).data.order).toMatchObject({ amount_due: 50000, discount: null });
    expect((await getDiscount(api, merchant, b.id)).times_used).toBe(0);
    const checkout = (await (await api.request(`/api/v1/checkout/orders/${order.id}?key=${merchant.api_key}`)).json()).data;
    expect(checkout.order).toMatchObject({ amount_due: 50000, discount: null });
  });

  it("gives the use back when the order is cancelled", async () => {
    const code = await createDiscount(api, merchant, { code: "CANCEL1", type: "percentage", value: 500, max_uses: 1 });
    const order = (await (await postOrder(api, merchant, { amount: 20000, discount_code: "CANCEL1" })).json()).data;
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(1);
    const cancelled = (await (await post(`/api/v1/orders/${order.id}/cancel`, undefined)).json()).data;
    expect(cancelled).toMatchObject({ status: "cancelled", amount_due: 0 });
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(0);
    // The use is free again for another order.
    expect((await postOrder(api, merchant, { amount: 20000, discount_code: "CANCEL1" })).status).toBe(201);
  });

  it("limits uses per customer by email, case-insensitively", async () => {
    await createDiscount(api, merchant, { code: "ONCE-EACH", type: "percentage", value: 1000, max_uses_per_customer: 1 });
    const first = await postOrder(api, merchant, {
      amount: 10000,
      discount_code: "ONCE-EACH",
      customer_email: "Asha@Example.com",
    });
    expect(first.status).toBe(201);
    const again = await postOrder(api, merchant, {
      amount: 10000,
      discount_code: "ONCE-EACH",
      customer_email: "asha@example.com",
    });
    expect(again.status).toBe(409);
    expect((await again.json()).exception).toMatchObject({
      type: "discount_invalid",
      code: 1023,
      meta: { reason: "per_customer_limit" },
    });
    const validation = (
      await (
        await post("/api/v1/discounts/validate", {
          code: "ONCE-EACH",
          amount: 10000,
          currency: "INR",
          customer_email: "ASHA@example.com",
        })
      ).json()
    ).data;
    expect(validation).toEqual({ valid: false, discount_amount: 0, reason: "per_customer_limit" });
    // Another shopper, through the checkout with their email.
    const order = (await (await postOrder(api, merchant, { amount: 10000 })).json()).data;
    expect((await applyCode(api, merchant, order.id, "ONCE-EACH", "ravi@example.com")).status).toBe(200);
    const other = (await (await postOrder(api, merchant, { amount: 10000 })).json()).data;
    const refused = await applyCode(api, merchant, other.id, "ONCE-EACH", "RAVI@example.com");
    expect((await refused.json()).exception.meta).toEqual({ reason: "per_customer_limit" });
  });

  it("limits uses per customer by customer id too: another email does not get round it", async () => {
    await createDiscount(api, merchant, { code: "ONE-PER-CUST", type: "percentage", value: 1000, max_uses_per_customer: 1 });
    const customer = await createCustomer(api, merchant, { email: "meera@example.com" });
    // No email at all: the customer id alone identifies who uses the code.
    const first = await postOrder(api, merchant, { amount: 10000, discount_code: "ONE-PER-CUST", customer_id: customer.id });
    expect(first.status).toBe(201);
    expect((await first.json()).data.discount).toEqual({ code: "ONE-PER-CUST", amount: 1000 });
    const again = await postOrder(api, merchant, {
      amount: 10000,
      discount_code: "ONE-PER-CUST",
      customer_id: customer.id,
      customer_email: "someone-else@example.com",
    });
    expect(again.status).toBe(409);
    expect((await again.json()).exception.meta).toEqual({ reason: "per_customer_limit" });
    // Through the checkout as well, whatever email the shopper types.
    const order = (await (await postOrder(api, merchant, { amount: 10000, customer_id: customer.id })).json()).data;
    const refused = await applyCode(api, merchant, order.id, "ONE-PER-CUST", "another@example.com");
    expect((await refused.json()).exception.meta).toEqual({ reason: "per_customer_limit" });
    // Another customer may still use it.
    const other = await createCustomer(api, merchant, { email: "kabir@example.com" });
    expect((await postOrder(api, merchant, { amount: 10000, discount_code: "ONE-PER-CUST", customer_id: other.id })).status).toBe(
      201,
    );
  });
});
