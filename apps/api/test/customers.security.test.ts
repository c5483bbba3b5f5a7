import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chargeSavedCard, createCustomer, customerOrder, publicPayment, saveCard, savedCards } from "./customer-helpers.js";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { getJson, post } from "./money-helpers.js";

let api: TestApi;
let owner: MerchantCredentials;
let intruder: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  owner = await api.registerMerchant("Owner");
  intruder = await api.registerMerchant("Intruder");
});
afterAll(() => api?.close());

describe("another merchant's customers and cards are not found", () => {
  it("reading, updating, listing cards, deleting cards, and ordering for them is 404; nothing changes", async () => {
    const customer = await createCustomer(api, owner, { email: "owned@example.com" });
    const card = await saveCard(api, owner, customer.id);
    const as = keyAuth(intruder);
    await expectError(await api.request(`/api/v1/customers/${customer.id}`, { auth: as }), 404, "not_found");
    await expectError(
      await api.request(`/api/v1/customers/${customer.id}`, { method: "PATCH", auth: as, json: { name: "Mallory" } }),
      404,
      "not_found",
    );
    await expectError(await api.request(`/api/v1/customers/${customer.id}/payment_methods`, { auth: as }), 404, "not_found");
    await expectError(await api.request(`/api/v1/payment_methods/${card.id}`, { method: "DELETE", auth: as }), 404, "not_found");
    await expectError(await post(api, intruder, "/orders", { amount: 100, customer_id: customer.id }), 404, "not_found");
    const found = await getJson<{ items: unknown[] }>(api, intruder, "/customers?email=owned@example.com");
    expect(found.items).toEqual([]);

    expect((await getJson<{ name: string }>(api, owner, `/customers/${customer.id}`)).name).toBe("Asha Rao");
    expect(await savedCards(api, owner, customer.id)).toEqual([card]);
  });

  it("charging another merchant's card is 404, through the API and the checkout", async () => {
    const customer = await createCustomer(api, owner);
    const card = await saveCard(api, owner, customer.id);
    const theirCustomer = await createCustomer(api, intruder);
    const theirOrder = await customerOrder(api, intruder, theirCustomer.id);
    await expectError(
      await post(api, intruder, "/payments", { order_id: theirOrder.id, payment_method: card.id }),
      404,
      "not_found",
    );
    await expectError(await publicPayment(api, intruder, theirOrder.id, { payment_method: card.id }), 404, "not_found");
    // The owner's own order, paid through the intruder's publishable key: the order is not theirs.
    const ownerOrder = await customerOrder(api, owner, customer.id);
    await expectError(await publicPayment(api, intruder, ownerOrder.id, { payment_method: card.id }), 404, "not_found");
    expect((await getJson<{ attempts: number }>(api, owner, `/orders/${ownerOrder.id}`)).attempts).toBe(0);
  });
});

describe("a customer's card pays only that customer's orders", () => {
  it("customer A's pm_ on customer B's order is 409 payment_method_unusable, merchant-initiated or in the checkout", async () => {
    const alice = await createCustomer(api, owner, { email: "alice@example.com" });
    const bob = await createCustomer(api, owner, { email: "bob@example.com" });
    const aliceCard = await saveCard(api, owner, alice.id);
    const bobOrder = await customerOrder(api, owner, bob.id);
    const merchantError = await expectError(
      await post(api, owner, "/payments", { order_id: bobOrder.id, payment_method: aliceCard.id }),
      409,
      "payment_method_unusable",
    );
    expect(merchantError.param).toBe("payment_method");
    await expectError(
      await publicPayment(api, owner, bobOrder.id, { payment_method: aliceCard.id }),
      409,
      "payment_method_unusable",
    );
    expect((await getJson<{ attempts: number; status: string }>(api, owner, `/orders/${bobOrder.id}`)).attempts).toBe(0);

    // The checkout of Bob's order never lists Alice's card.
    const checkout = await (await api.request(`/api/v1/checkout/orders/${bobOrder.id}?key=${owner.api_key}`)).json();
    expect(checkout.data.saved_cards).toEqual([]);
    // Alice's own order still takes it.
    const aliceOrder = await customerOrder(api, owner, alice.id);
    expect((await chargeSavedCard(api, owner, aliceOrder.id, aliceCard.id)).status).toBe("captured");
  });

  it("the checkout's saved cards show nothing a shopper could charge elsewhere: no vault reference", async () => {
    const customer = await createCustomer(api, owner);
    await saveCard(api, owner, customer.id);
    const order = await customerOrder(api, owner, customer.id);
    const text = await (await api.request(`/api/v1/checkout/orders/${order.id}?key=${owner.api_key}`)).text();
    expect(text).not.toMatch(/simvault_|processor/);
    const list = await (await api.request(`/api/v1/customers/${customer.id}/payment_methods`, { auth: keyAuth(owner) })).text();
    expect(list).not.toMatch(/simvault_|processor/);
  });
});
