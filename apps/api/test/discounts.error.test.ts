import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCode, createDiscount, discountCounts, getDiscount, postOrder, removeCode } from "./discount-helpers.js";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi, validCard } from "./helpers.js";
import { createPayment } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  // No workers: a payment stays pending, so "a payment in flight" holds still.
  api = await startTestApi({}, { startWorkers: false });
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const post = (path: string, json: unknown) => api.request(path, { method: "POST", auth: keyAuth(merchant), json });

describe("POST /discounts refuses bad input and writes nothing", () => {
  const base = { code: "GOOD-1", type: "percentage", value: 1000 };
  const cases: [string, Record<string, unknown>, string][] = [
    ["a code with a space", { ...base, code: "SAVE 10" }, "code"],
    ["a code too short", { ...base, code: "AB" }, "code"],
    ["a code too long", { ...base, code: "A".repeat(33) }, "code"],
    ["a code with other symbols", { ...base, code: "SAVE10%" }, "code"],
    ["a percentage of 0", { ...base, value: 0 }, "value"],
    ["a percentage over 10000 bps", { ...base, value: 10001 }, "value"],
    ["a fractional value", { ...base, value: 10.5 }, "value"],
    ["a fixed discount without a currency", { code: "FIX-1", type: "fixed", value: 500 }, "currency"],
    ["a fixed discount of 0", { code: "FIX-1", type: "fixed", value: 0, currency: "INR" }, "value"],
    ["a cap without a currency", { ...base, max_discount_amount: 100 }, "currency"],
    ["a minimum without a currency", { ...base, min_order_amount: 100 }, "currency"],
    ["an unknown type", { ...base, type: "bogo" }, "type"],
    ["an unknown field", { ...base, times_used: 5 }, "times_used"],
    [
      "a window that ends before it starts",
      { ...base, valid_from: "2030-01-02T00:00:00Z", valid_until: "2030-01-01T00:00:00Z" },
      "valid_until",
    ],
    ["a timestamp that is not ISO 8601", { ...base, valid_until: "tomorrow" }, "valid_until"],
    ["max_uses of 0", { ...base, max_uses: 0 }, "max_uses"],
  ];
  it.each(cases)("%s → 400", async (_name, body, param) => {
    const before = await discountCounts(api);
    const exception = await expectError(await post("/api/v1/discounts", body), 400, "validation_error");
    expect(exception.param).toBe(param);
    expect(await discountCounts(api)).toEqual(before);
  });

  it("a duplicate code in another case → 409 discount_code_taken (1028)", async () => {
    await createDiscount(api, merchant, { code: "Dup-Code", type: "percentage", value: 100 });
    const before = await discountCounts(api);
    const exception = await expectError(
      await post("/api/v1/discounts", { code: "dup-code", type: "fixed", value: 1, currency: "INR" }),
      409,
      "discount_code_taken",
    );
    expect(exception).toMatchObject({ code: 1028, param: "code" });
    expect(await discountCounts(api)).toEqual(before);
  });

  it("PATCH refuses fields that decide the amount", async () => {
    const code = await createDiscount(api, merchant, { code: "PATCHME", type: "percentage", value: 100 });
    for (const body of [{ value: 5000 }, { code: "OTHER" }, { currency: "USD" }, { times_used: 0 }]) {
      const response = await api.request(`/api/v1/discounts/${code.id}`, {
        method: "PATCH",
        auth: keyAuth(merchant),
        json: body,
      });
      await expectError(response, 400, "validation_error");
    }
    expect(await getDiscount(api, merchant, code.id)).toEqual(code);
  });
});

describe("an unusable code → 409 discount_invalid with the reason, nothing written", () => {
  const setup = async () => {
    await createDiscount(api, merchant, { code: "USD-OFF", type: "fixed", value: 500, currency: "USD" });
    await createDiscount(api, merchant, { code: "OLD", type: "percentage", value: 1000, valid_until: "2001-01-01T00:00:00Z" });
    await createDiscount(api, merchant, { code: "LATER", type: "percentage", value: 1000, valid_from: "2099-01-01T00:00:00Z" });
    await createDiscount(api, merchant, {
      code: "BIG-ONLY",
      type: "fixed",
      value: 500,
      currency: "INR",
      min_order_amount: 100000,
    });
    await createDiscount(api, merchant, { code: "OFF", type: "percentage", value: 1000, active: false });
    const gone = await createDiscount(api, merchant, { code: "GONE", type: "percentage", value: 1000, max_uses: 1 });
    expect((await postOrder(api, merchant, { amount: 1000, discount_code: "GONE" })).status).toBe(201);
    expect((await getDiscount(api, merchant, gone.id)).times_used).toBe(1);
  };
  const cases: [string, string][] = [
    ["USD-OFF", "currency"],
    ["OLD", "expired"],
    ["LATER", "not_started"],
    ["BIG-ONLY", "min_amount"],
    ["OFF", "inactive"],
    ["GONE", "exhausted"],
    ["NO-SUCH-CODE", "unknown"],
    ["with space", "unknown"],
  ];

  it.each(cases)("%s on POST /orders, in the checkout and in validate → %s", async (code, reason) => {
    if ((await discountCounts(api)).discounts < 7) await setup();
    const before = await discountCounts(api);
    const exception = await expectError(
      await postOrder(api, merchant, { amount: 50000, discount_code: code }),
      409,
      "discount_invalid",
    );
    expect(exception).toMatchObject({ code: 1023, param: "code" });
    expect((exception as unknown as { meta: unknown }).meta).toEqual({ reason });
    expect(await discountCounts(api)).toEqual(before);

    const order = (await (await postOrder(api, merchant, { amount: 50000 })).json()).data;
    const afterOrder = await discountCounts(api);
    const refused = await expectError(await applyCode(api, merchant, order.id, code), 409, "discount_invalid");
    expect((refused as unknown as { meta: unknown }).meta).toEqual({ reason });
    expect(await discountCounts(api)).toEqual(afterOrder);
    const checkout = (await (await api.request(`/api/v1/checkout/orders/${order.id}?key=${merchant.api_key}`)).json()).data;
    expect(checkout.order).toMatchObject({ amount_due: 50000, discount: null });

    const validation = (await (await post("/api/v1/discounts/validate", { code, amount: 50000, currency: "INR" })).json()).data;
    expect(validation).toEqual({ valid: false, discount_amount: 0, reason });
  });

  it("a per-customer code without any email → 400 naming email", async () => {
    await createDiscount(api, merchant, { code: "PER-CUST", type: "percentage", value: 1000, max_uses_per_customer: 1 });
    const before = await discountCounts(api);
    const exception = await expectError(
      await postOrder(api, merchant, { amount: 5000, discount_code: "PER-CUST" }),
      400,
      "validation_error",
    );
    expect(exception.param).toBe("email");
    expect(await discountCounts(api)).toEqual(before);
  });
});

describe("the amount holds still while a payment is in flight", () => {
  it("applying or removing a code on an order with a pending payment → 409 order_not_payable", async () => {
    const code = await createDiscount(api, merchant, { code: "INFLIGHT", type: "percentage", value: 1000 });
    await createDiscount(api, merchant, { code: "INFLIGHT2", type: "percentage", value: 2000 });
    const order = (await (await postOrder(api, merchant, { amount: 10000, discount_code: "INFLIGHT" })).json()).data;
    const payment = await createPayment(api, merchant, { order_id: order.id, method: "card", card: validCard });
    expect((await payment.json()).data).toMatchObject({ status: "pending", amount: 9000 });
    await expectError(await applyCode(api, merchant, order.id, "INFLIGHT2"), 409, "order_not_payable");
    await expectError(await removeCode(api, merchant, order.id), 409, "order_not_payable");
    const checkout = (await (await api.request(`/api/v1/checkout/orders/${order.id}?key=${merchant.api_key}`)).json()).data;
    expect(checkout.order).toMatchObject({ amount_due: 9000, discount: { code: "INFLIGHT", amount: 1000 } });
    // The checkout hides its "Promo code" field meanwhile.
    expect(checkout.promo_codes).toBe(false);
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(1);
  });

  it("a code covering the whole amount leaves nothing to charge: a payment → 409 order_not_payable, none written", async () => {
    await createDiscount(api, merchant, { code: "ALL-FREE", type: "percentage", value: 10000 });
    const order = (await (await postOrder(api, merchant, { amount: 700, discount_code: "ALL-FREE" })).json()).data;
    expect(order).toMatchObject({ amount_due: 0, discount: { code: "ALL-FREE", amount: 700 } });
    const refused = await expectError(
      await createPayment(api, merchant, { order_id: order.id, method: "card", card: validCard }),
      409,
      "order_not_payable",
    );
    expect(refused.description).toContain("Nothing is due");
    const listed = (await (await api.request(`/api/v1/orders/${order.id}/payments`, { auth: keyAuth(merchant) })).json()).data;
    expect(listed.items).toEqual([]);
    expect((await (await api.request(`/api/v1/orders/${order.id}`, { auth: keyAuth(merchant) })).json()).data.attempts).toBe(0);
  });

  it("a cancelled order's code cannot be applied", async () => {
    await createDiscount(api, merchant, { code: "ON-CANCELLED", type: "percentage", value: 1000 });
    const order = (await (await postOrder(api, merchant, { amount: 10000 })).json()).data;
    await post(`/api/v1/orders/${order.id}/cancel`, undefined);
    await expectError(await applyCode(api, merchant, order.id, "ON-CANCELLED"), 409, "order_not_payable");
  });
});
