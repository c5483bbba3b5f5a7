import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, saveCard } from "./customer-helpers.js";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { post } from "./money-helpers.js";

let api: TestApi;
let owner: MerchantCredentials;
let intruder: MerchantCredentials;
let customerId: string;
let cardId: string;
beforeAll(async () => {
  api = await startTestApi();
  owner = await api.registerMerchant("Owner");
  intruder = await api.registerMerchant("Intruder");
  customerId = (await createCustomer(api, owner, { email: "sub-owner@example.com" })).id;
  cardId = (await saveCard(api, owner, customerId)).id;
});
afterAll(() => api?.close());

describe("another merchant's subscriptions, customers and cards", () => {
  it("are 404 to read, cancel, list or subscribe with; nothing changes", async () => {
    const created = await post(api, owner, "/subscriptions", {
      customer_id: customerId,
      payment_method: cardId,
      amount: 100,
      interval: "week",
    });
    const sub = (await created.json()).data;
    const as = keyAuth(intruder);
    await expectError(await api.request(`/api/v1/subscriptions/${sub.id}`, { auth: as }), 404, "not_found");
    await expectError(await post(api, intruder, `/subscriptions/${sub.id}/cancel`), 404, "not_found");
    await expectError(
      await post(api, intruder, "/subscriptions", {
        customer_id: customerId,
        payment_method: cardId,
        amount: 100,
        interval: "day",
      }),
      404,
      "not_found",
    );
    // Their own customer with the owner's card: the card is not found.
    const theirs = await createCustomer(api, intruder, { email: "theirs@example.com" });
    await expectError(
      await post(api, intruder, "/subscriptions", {
        customer_id: theirs.id,
        payment_method: cardId,
        amount: 100,
        interval: "day",
      }),
      404,
      "not_found",
    );
    const listed = await (await api.request(`/api/v1/subscriptions?customer_id=${customerId}`, { auth: as })).json();
    expect(listed.data.items).toEqual([]);
    const invoices = await (await api.request(`/api/v1/invoices?subscription_id=${sub.id}`, { auth: as })).json();
    expect(invoices.data.items).toEqual([]);
    const mine = await (await api.request(`/api/v1/subscriptions/${sub.id}`, { auth: keyAuth(owner) })).json();
    expect(mine.data.status).toBe("active");
  });
});
