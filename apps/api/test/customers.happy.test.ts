import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cardInput,
  chargeSavedCard,
  createCustomer,
  customerOrder,
  publicPayment,
  saveCard,
  savedCards,
} from "./customer-helpers.js";
import { keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { getJson, post } from "./money-helpers.js";
import { settledPayment } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

describe("customers", () => {
  it("are created, read, updated (null clears) and found by email, case-insensitively", async () => {
    const created = await createCustomer(api, merchant, {
      name: "Ravi Kumar",
      email: "Ravi@Example.com",
      contact: "+91 98765 43210",
      notes: { plan: "gold" },
    });
    expect(created).toMatchObject({
      name: "Ravi Kumar",
      email: "Ravi@Example.com",
      contact: "+91 98765 43210",
      notes: { plan: "gold" },
    });
    expect(created.id).toMatch(/^cust_/);
    expect(await getJson(api, merchant, `/customers/${created.id}`)).toEqual(created);

    const patched = await api.request(`/api/v1/customers/${created.id}`, {
      method: "PATCH",
      auth: keyAuth(merchant),
      json: { name: "Ravi K.", contact: null },
    });
    expect(patched.status).toBe(200);
    expect((await patched.json()).data).toEqual({ ...created, name: "Ravi K.", contact: null });

    await createCustomer(api, merchant, { email: "someone-else@example.com" });
    const found = await getJson<{ items: { id: string }[]; has_more: boolean; limit: number; offset: number }>(
      api,
      merchant,
      "/customers?email=ravi@example.com",
    );
    expect(found).toEqual({ items: [expect.objectContaining({ id: created.id })], has_more: false, limit: 10, offset: 0 });
    const all = await getJson<{ items: { id: string }[] }>(api, merchant, "/customers?limit=100");
    expect(all.items.length).toBeGreaterThanOrEqual(2);
  });

  it("orders carry their customer_id", async () => {
    const customer = await createCustomer(api, merchant);
    const order = await customerOrder(api, merchant, customer.id);
    expect(order.customer_id).toBe(customer.id);
    expect((await getJson<{ customer_id: string }>(api, merchant, `/orders/${order.id}`)).customer_id).toBe(customer.id);
    expect((await customerOrder(api, merchant, null)).customer_id).toBeNull();
  });
});

describe("saved cards", () => {
  it("a card saved in the checkout is listed with last4, network and expiry only, and offered by the checkout", async () => {
    const customer = await createCustomer(api, merchant);
    const order = await customerOrder(api, merchant, customer.id);
    const before = await (await api.request(`/api/v1/checkout/orders/${order.id}?key=${merchant.api_key}`)).json();
    expect(before.data).toMatchObject({ can_save_card: true, saved_cards: [] });

    const card = await saveCard(api, merchant, customer.id, "4242424242424242", "11/33");
    expect(card).toEqual({
      id: expect.stringMatching(/^pm_/),
      customer_id: customer.id,
      type: "card",
      card: { last4: "4242", network: "visa", expiry_month: 11, expiry_year: 2033 },
      created_at: expect.any(String),
      deleted_at: null,
    });
    const checkout = await (await api.request(`/api/v1/checkout/orders/${order.id}?key=${merchant.api_key}`)).json();
    expect(checkout.data.saved_cards).toEqual([
      { id: card.id, last4: "4242", network: "visa", expiry_month: 11, expiry_year: 2033 },
    ]);

    const withoutCustomer = await customerOrder(api, merchant, null);
    const plain = await (await api.request(`/api/v1/checkout/orders/${withoutCustomer.id}?key=${merchant.api_key}`)).json();
    expect(plain.data).toMatchObject({ can_save_card: false, saved_cards: [] });
  });

  it("an unticked box saves nothing, and a failed payment saves nothing", async () => {
    const customer = await createCustomer(api, merchant);
    const order = await customerOrder(api, merchant, customer.id);
    const unticked = await publicPayment(api, merchant, order.id, { method: "card", card: cardInput("4242424242424242") });
    await settledPayment(api, merchant, (await unticked.json()).data.id, "captured");
    const declinedOrder = await customerOrder(api, merchant, customer.id);
    const declined = await publicPayment(api, merchant, declinedOrder.id, {
      method: "card",
      card: cardInput("4000000000000002"),
      save_card: true,
    });
    expect((await settledPayment(api, merchant, (await declined.json()).data.id)).status).toBe("failed");
    expect(await savedCards(api, merchant, customer.id)).toEqual([]);
  });

  it("pays a second order with one tap in the checkout", async () => {
    const customer = await createCustomer(api, merchant);
    const card = await saveCard(api, merchant, customer.id);
    const order = await customerOrder(api, merchant, customer.id, 7700);
    const response = await publicPayment(api, merchant, order.id, { payment_method: card.id });
    expect(response.status).toBe(201);
    const payment = await settledPayment(api, merchant, (await response.json()).data.id, "captured");
    expect(payment).toMatchObject({ amount: 7700, method: "card", payment_method_id: card.id, card: { last4: "4242" } });
    expect((await getJson<{ status: string }>(api, merchant, `/orders/${order.id}`)).status).toBe("paid");
  });

  it("a saved 3-D Secure card still asks the shopper for the OTP when they pay with one tap", async () => {
    const customer = await createCustomer(api, merchant);
    const card = await saveCard(api, merchant, customer.id, "4000002760003184");
    const order = await customerOrder(api, merchant, customer.id);
    const response = await publicPayment(api, merchant, order.id, { payment_method: card.id });
    const { data } = await response.json();
    expect((await settledPayment(api, merchant, data.id)).status).toBe("requires_action");
  });

  it("deleted cards leave the lists; deleting again answers the same", async () => {
    const customer = await createCustomer(api, merchant);
    const card = await saveCard(api, merchant, customer.id);
    const first = await api.request(`/api/v1/payment_methods/${card.id}`, { method: "DELETE", auth: keyAuth(merchant) });
    expect(first.status).toBe(200);
    const deleted = (await first.json()).data;
    expect(deleted).toEqual({ ...card, deleted_at: expect.any(String) });
    const again = await api.request(`/api/v1/payment_methods/${card.id}`, { method: "DELETE", auth: keyAuth(merchant) });
    expect((await again.json()).data).toEqual(deleted);
    expect(await savedCards(api, merchant, customer.id)).toEqual([]);
    const order = await customerOrder(api, merchant, customer.id);
    const checkout = await (await api.request(`/api/v1/checkout/orders/${order.id}?key=${merchant.api_key}`)).json();
    expect(checkout.data.saved_cards).toEqual([]);
  });
});

describe("merchant-initiated payments", () => {
  it("charge a saved card without the shopper, idempotently", async () => {
    const customer = await createCustomer(api, merchant);
    const card = await saveCard(api, merchant, customer.id, "5555555555554444");
    const order = await customerOrder(api, merchant, customer.id, 12_345);
    const body = { order_id: order.id, payment_method: card.id };
    const first = await post(api, merchant, "/payments", body, { "Idempotency-Key": `mit-${order.id}` });
    expect(first.status).toBe(201);
    const replay = await post(api, merchant, "/payments", body, { "Idempotency-Key": `mit-${order.id}` });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const { data } = await first.json();
    expect((await replay.json()).data.id).toBe(data.id);
    const payment = await settledPayment(api, merchant, data.id, "captured");
    expect(payment).toMatchObject({ amount: 12_345, payment_method_id: card.id, card: { last4: "4444", network: "mastercard" } });
    const payments = await getJson<{ items: unknown[] }>(api, merchant, `/orders/${order.id}/payments`);
    expect(payments.items).toHaveLength(1);
  });

  it("a saved card that needs 3-D Secure fails authentication_required", async () => {
    const customer = await createCustomer(api, merchant);
    const card = await saveCard(api, merchant, customer.id, "4000002760003184");
    const order = await customerOrder(api, merchant, customer.id);
    const payment = await chargeSavedCard(api, merchant, order.id, card.id);
    expect(payment).toMatchObject({ status: "failed", error_code: "authentication_required" });
  });

  it("magic card 0341 pays with the shopper present, is saved, and every merchant-initiated charge is declined", async () => {
    const customer = await createCustomer(api, merchant);
    const card = await saveCard(api, merchant, customer.id, "4000000000000341");
    expect(card.card.last4).toBe("0341");
    for (let i = 0; i < 2; i++) {
      const order = await customerOrder(api, merchant, customer.id);
      expect(await chargeSavedCard(api, merchant, order.id, card.id)).toMatchObject({
        status: "failed",
        error_code: "card_declined",
      });
    }
  });
});
