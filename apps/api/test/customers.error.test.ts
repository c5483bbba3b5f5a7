import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, payments } from "../src/db/schema/index.js";
import { cardInput, chargeSavedCard, createCustomer, customerOrder, publicPayment, saveCard } from "./customer-helpers.js";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { advanceClock, getJson, post } from "./money-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const rowCount = async (table: typeof customers | typeof payments) => {
  const [row] = await api.runtime.database.db.select({ n: count() }).from(table);
  return row?.n ?? 0;
};

describe("customer requests that are refused", () => {
  it("bad bodies are 400 naming the field, and nothing is written", async () => {
    const before = await rowCount(customers);
    const cases: [unknown, string][] = [
      [{ email: "not-an-email" }, "email"],
      [{ name: "" }, "name"],
      [{ contact: "call me" }, "contact"],
      [{ merchant_id: "mer_abcdefghijkl" }, "merchant_id"],
      [{ notes: { a: 1 } }, "notes.a"],
    ];
    for (const [body, param] of cases) {
      const error = await expectError(await post(api, merchant, "/customers", body), 400, "validation_error");
      // An unknown field is named in the description (read-only fields are never writable).
      expect(`${error.param} ${error.description}`, JSON.stringify(body)).toContain(param);
    }
    expect(await rowCount(customers)).toBe(before);
  });

  it("an unknown customer is 404 on read, update and its card list; a malformed id is 400", async () => {
    const missing = "cust_doesnotexist0000";
    await expectError(await api.request(`/api/v1/customers/${missing}`, { auth: keyAuth(merchant) }), 404, "not_found");
    await expectError(
      await api.request(`/api/v1/customers/${missing}`, { method: "PATCH", auth: keyAuth(merchant), json: { name: "X" } }),
      404,
      "not_found",
    );
    await expectError(
      await api.request(`/api/v1/customers/${missing}/payment_methods`, { auth: keyAuth(merchant) }),
      404,
      "not_found",
    );
    await expectError(
      await api.request("/api/v1/customers/order_abcdefghijkl", { auth: keyAuth(merchant) }),
      400,
      "validation_error",
    );
    await expectError(
      await api.request("/api/v1/payment_methods/pm_doesnotexist0000", { method: "DELETE", auth: keyAuth(merchant) }),
      404,
      "not_found",
    );
  });

  it("an order for an unknown customer is 404 naming customer_id", async () => {
    const error = await expectError(
      await post(api, merchant, "/orders", { amount: 100, customer_id: "cust_doesnotexist0000" }),
      404,
      "not_found",
    );
    expect(error.param).toBe("customer_id");
  });
});

describe("saving a card: refused requests write nothing", () => {
  it("save_card on an order without a customer is 400", async () => {
    const order = await customerOrder(api, merchant, null);
    const before = await rowCount(payments);
    const error = await expectError(
      await publicPayment(api, merchant, order.id, { method: "card", card: cardInput("4242424242424242"), save_card: true }),
      400,
      "validation_error",
    );
    expect(error.param).toBe("save_card");
    expect(await rowCount(payments)).toBe(before);
    expect((await getJson<{ attempts: number }>(api, merchant, `/orders/${order.id}`)).attempts).toBe(0);
  });

  it("save_card with UPI, or with a saved card, is 400; a saved card with a card is 400", async () => {
    const customer = await createCustomer(api, merchant);
    const order = await customerOrder(api, merchant, customer.id);
    const before = await rowCount(payments);
    const upi = await publicPayment(api, merchant, order.id, { method: "upi", vpa: "success@paygate", save_card: true });
    expect((await expectError(upi, 400, "validation_error")).param).toBe("save_card");
    const both = await post(api, merchant, "/payments", {
      order_id: order.id,
      payment_method: "pm_abcdefghijklmnop",
      card: cardInput("4242424242424242"),
    });
    expect((await expectError(both, 400, "validation_error")).param).toBe("card");
    const upiSaved = await post(api, merchant, "/payments", {
      order_id: order.id,
      payment_method: "pm_abcdefghijklmnop",
      method: "upi",
    });
    expect((await expectError(upiSaved, 400, "validation_error")).param).toBe("method");
    const neither = await post(api, merchant, "/payments", { order_id: order.id });
    expect((await expectError(neither, 400, "validation_error")).param).toBe("method");
    expect(await rowCount(payments)).toBe(before);
  });
});

describe("merchant-initiated payments that are refused", () => {
  it("an unknown payment method is 404; an order without a customer, or a deleted card, is 409 payment_method_unusable (1026)", async () => {
    const customer = await createCustomer(api, merchant);
    const card = await saveCard(api, merchant, customer.id);
    const order = await customerOrder(api, merchant, customer.id);
    const before = await rowCount(payments);
    const missing = await post(api, merchant, "/payments", { order_id: order.id, payment_method: "pm_doesnotexist0000" });
    expect((await expectError(missing, 404, "not_found")).param).toBe("payment_method");

    const anonymous = await customerOrder(api, merchant, null);
    const noCustomer = await expectError(
      await post(api, merchant, "/payments", { order_id: anonymous.id, payment_method: card.id }),
      409,
      "payment_method_unusable",
    );
    expect(noCustomer.code).toBe(1026);

    await api.request(`/api/v1/payment_methods/${card.id}`, { method: "DELETE", auth: keyAuth(merchant) });
    await expectError(
      await post(api, merchant, "/payments", { order_id: order.id, payment_method: card.id }),
      409,
      "payment_method_unusable",
    );
    await expectError(await publicPayment(api, merchant, order.id, { payment_method: card.id }), 409, "payment_method_unusable");
    expect(await rowCount(payments)).toBe(before);
    expect((await getJson<{ attempts: number }>(api, merchant, `/orders/${order.id}`)).attempts).toBe(0);
  });

  it("an expired saved card cannot pay", async () => {
    const now = new Date((await getJson<{ now: string }>(api, merchant, "/test/clock")).now);
    // Valid through the end of next month; two months on, it has expired.
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const expiry = `${String(next.getUTCMonth() + 1).padStart(2, "0")}/${String(next.getUTCFullYear() % 100).padStart(2, "0")}`;
    const customer = await createCustomer(api, merchant);
    const card = await saveCard(api, merchant, customer.id, "4242424242424242", expiry);
    const order = await customerOrder(api, merchant, customer.id);
    expect((await chargeSavedCard(api, merchant, order.id, card.id)).status).toBe("captured");
    await advanceClock(api, merchant, 62 * 86_400);
    const later = await customerOrder(api, merchant, customer.id);
    const error = await expectError(
      await post(api, merchant, "/payments", { order_id: later.id, payment_method: card.id }),
      409,
      "payment_method_unusable",
    );
    expect(error.description).toMatch(/expired/);
    const checkout = await (await api.request(`/api/v1/checkout/orders/${later.id}?key=${merchant.api_key}`)).json();
    expect(checkout.data.saved_cards).toEqual([]);
  });

  it("a paid order takes no saved-card payment", async () => {
    const customer = await createCustomer(api, merchant);
    const card = await saveCard(api, merchant, customer.id);
    const order = await customerOrder(api, merchant, customer.id);
    expect((await chargeSavedCard(api, merchant, order.id, card.id)).status).toBe("captured");
    await expectError(
      await post(api, merchant, "/payments", { order_id: order.id, payment_method: card.id }),
      409,
      "order_not_payable",
    );
  });
});
