import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptions } from "../src/db/schema/index.js";
import { createCustomer, saveCard } from "./customer-helpers.js";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { post } from "./money-helpers.js";

let api: TestApi;
let owner: MerchantCredentials;
let customerId: string;
let cardId: string;
beforeAll(async () => {
  api = await startTestApi();
  owner = await api.registerMerchant("Owner");
  customerId = (await createCustomer(api, owner, { email: "sub-owner@example.com" })).id;
  cardId = (await saveCard(api, owner, customerId)).id;
});
afterAll(() => api?.close());

const subscriptionCount = async () => {
  const [row] = await api.runtime.database.db.select({ n: count() }).from(subscriptions);
  return row?.n ?? 0;
};

describe("subscription requests that are refused write nothing", () => {
  it("bad bodies are 400 naming the field", async () => {
    const valid = { customer_id: customerId, payment_method: cardId, amount: 1000, interval: "month" };
    const before = await subscriptionCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, amount: 10.5 }, "amount"],
      [{ ...valid, interval: "fortnight" }, "interval"],
      [{ ...valid, interval_count: 0 }, "interval_count"],
      [{ ...valid, start_at: "tomorrow" }, "start_at"],
      [{ ...valid, start_at: "2001-01-01T00:00:00Z" }, "start_at"],
      [{ ...valid, status: "active" }, "status"],
    ];
    for (const [body, param] of cases) {
      const error = await expectError(await post(api, owner, "/subscriptions", body), 400, "validation_error");
      expect(`${error.param} ${error.description}`, JSON.stringify(body)).toContain(param);
    }
    expect(await subscriptionCount()).toBe(before);
  });

  it("a customer without an email cannot subscribe (each renewal sends an invoice)", async () => {
    const silent = await createCustomer(api, owner, { email: undefined, name: "No Mail" });
    const card = await saveCard(api, owner, silent.id);
    const before = await subscriptionCount();
    const error = await expectError(
      await post(api, owner, "/subscriptions", { customer_id: silent.id, payment_method: card.id, amount: 100, interval: "day" }),
      400,
      "validation_error",
    );
    expect(error.param).toBe("customer_id");
    expect(await subscriptionCount()).toBe(before);
  });

  it("another customer's or a deleted card is 409 payment_method_unusable; unknown ids are 404", async () => {
    const other = await createCustomer(api, owner, { email: "other@example.com" });
    const before = await subscriptionCount();
    await expectError(
      await post(api, owner, "/subscriptions", { customer_id: other.id, payment_method: cardId, amount: 100, interval: "day" }),
      409,
      "payment_method_unusable",
    );
    const spare = await saveCard(api, owner, other.id);
    await api.request(`/api/v1/payment_methods/${spare.id}`, { method: "DELETE", auth: keyAuth(owner) });
    await expectError(
      await post(api, owner, "/subscriptions", { customer_id: other.id, payment_method: spare.id, amount: 100, interval: "day" }),
      409,
      "payment_method_unusable",
    );
    await expectError(
      await post(api, owner, "/subscriptions", {
        customer_id: "cust_doesnotexist0000",
        payment_method: cardId,
        amount: 100,
        interval: "day",
      }),
      404,
      "not_found",
    );
    await expectError(
      await api.request("/api/v1/subscriptions/sub_doesnotexist0000", { auth: keyAuth(owner) }),
      404,
      "not_found",
    );
    expect(await subscriptionCount()).toBe(before);
  });
});
