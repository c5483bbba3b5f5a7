import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../src/db/schema/index.js";
import { periodBoundary } from "../src/services/subscriptions/periods.js";
import { createCustomer, MIT_DECLINED_CARD, saveCard } from "./customer-helpers.js";
import { keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { advanceClock, eventually, getJson, post } from "./money-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

interface SubscriptionView {
  id: string;
  status: string;
  current_period_start: string;
  current_period_end: string;
  failed_attempts: number;
  next_retry_at: string | null;
  cancelled_at: string | null;
}

async function subscribe(body: Record<string, unknown>) {
  const response = await post(api, merchant, "/subscriptions", body);
  expect(response.status).toBe(201);
  return (await response.json()).data as SubscriptionView & { start_at: string };
}

async function subscriptionEvents(subscriptionId: string) {
  const rows = await api.runtime.database.db
    .select({ type: events.type, payload: events.payload })
    .from(events)
    .where(sql`${events.payload}->'data'->'subscription'->>'id' = ${subscriptionId}`)
    .orderBy(asc(events.createdAt));
  return rows;
}

const orderPaymentsFor = async (subscriptionId: string) => {
  const { orders } = await import("../src/db/schema/index.js");
  return api.runtime.database.db.select().from(orders).where(eq(orders.subscriptionId, subscriptionId));
};

describe("subscriptions", () => {
  it("charge the first period at once, then renew 12 times in 12 months through 12 paid invoices", async () => {
    const customer = await createCustomer(api, merchant, { email: "subscriber@example.com" });
    const card = await saveCard(api, merchant, customer.id);
    const sub = await subscribe({
      customer_id: customer.id,
      payment_method: card.id,
      amount: 49_900,
      interval: "month",
      description: "Pro plan",
    });
    expect(sub).toMatchObject({ status: "active", failed_attempts: 0, cancelled_at: null });
    const start = new Date(sub.start_at);
    expect(sub.current_period_end).toBe(periodBoundary(start, "month", 1, 1).toISOString());
    // The first period's order is paid by the merchant-initiated charge, without an invoice.
    await eventually(async () => {
      const orders = await orderPaymentsFor(sub.id);
      return orders.length === 1 && orders[0]?.status === "paid" ? true : undefined;
    });

    const twelfth = periodBoundary(start, "month", 1, 12);
    const now = new Date((await getJson<{ now: string }>(api, merchant, "/test/clock")).now);
    await advanceClock(api, merchant, Math.ceil((twelfth.getTime() - now.getTime()) / 1000) + 3600);

    const invoices = await eventually(async () => {
      const page = await getJson<{ items: { status: string; total: number; subscription_id: string; customer_id: string }[] }>(
        api,
        merchant,
        `/invoices?subscription_id=${sub.id}&limit=100`,
      );
      return page.items.length === 12 && page.items.every((invoice) => invoice.status === "paid") ? page.items : undefined;
    });
    expect(invoices.every((invoice) => invoice.total === 49_900 && invoice.customer_id === customer.id)).toBe(true);
    const types = (await subscriptionEvents(sub.id)).map((event) => event.type);
    expect(types.filter((type) => type === "subscription.renewed")).toHaveLength(12);
    expect(types.filter((type) => type !== "subscription.renewed")).toEqual([]);
    const current = await getJson<SubscriptionView>(api, merchant, `/subscriptions/${sub.id}`);
    expect(current).toMatchObject({
      status: "active",
      current_period_start: twelfth.toISOString(),
      current_period_end: periodBoundary(start, "month", 1, 13).toISOString(),
    });
    expect(await orderPaymentsFor(sub.id)).toHaveLength(13);
  }, 300_000);

  it("a failing renewal goes past_due, is retried after 1, 3 and 5 days, then cancelled", async () => {
    const customer = await createCustomer(api, merchant, { email: "declined@example.com" });
    // Card 0341 pays while the shopper is present (so it is saved) and declines every merchant charge:
    // a weekly subscription's very first charge already fails.
    const card = await saveCard(api, merchant, customer.id, MIT_DECLINED_CARD);
    const sub = await subscribe({ customer_id: customer.id, payment_method: card.id, amount: 9900, interval: "week" });
    const pastDue = await eventually(async () => {
      const current = await getJson<SubscriptionView>(api, merchant, `/subscriptions/${sub.id}`);
      return current.status === "past_due" ? current : undefined;
    });
    expect(pastDue.failed_attempts).toBe(1);
    const firstFailure = new Date((await getJson<{ now: string }>(api, merchant, "/test/clock")).now);
    expect(new Date(pastDue.next_retry_at ?? 0).getTime() - firstFailure.getTime()).toBeGreaterThan(86_400_000 - 120_000);
    expect(new Date(pastDue.next_retry_at ?? 0).getTime() - firstFailure.getTime()).toBeLessThanOrEqual(86_400_000);

    const attempts: number[] = [];
    for (const days of [1, 3, 5]) {
      await advanceClock(api, merchant, days * 86_400 + 60);
      const current = await getJson<SubscriptionView>(api, merchant, `/subscriptions/${sub.id}`);
      attempts.push(current.failed_attempts);
      if (days < 5) expect(current.status).toBe("past_due");
    }
    expect(attempts).toEqual([2, 3, 4]);
    const ended = await getJson<SubscriptionView>(api, merchant, `/subscriptions/${sub.id}`);
    expect(ended).toMatchObject({ status: "cancelled", next_retry_at: null });
    expect(ended.cancelled_at).not.toBeNull();
    const types = (await subscriptionEvents(sub.id)).map((event) => event.type);
    expect(types).toEqual([
      "subscription.payment_failed",
      "subscription.payment_failed",
      "subscription.payment_failed",
      "subscription.payment_failed",
      "subscription.cancelled",
    ]);
    // Four declined merchant-initiated payments of one order, which is then cancelled.
    const [order] = await orderPaymentsFor(sub.id);
    expect(order?.status).toBe("cancelled");
    const payments = await getJson<{ items: { error_code: string }[] }>(api, merchant, `/orders/${order?.id}/payments?limit=100`);
    expect(payments.items.map((payment) => payment.error_code)).toEqual(Array(4).fill("card_declined"));
    // Nothing more happens after it ended.
    await advanceClock(api, merchant, 30 * 86_400);
    expect((await subscriptionEvents(sub.id)).length).toBe(5);
  }, 300_000);

  it("a failed renewal is recovered when the customer pays its invoice: past_due → active, subscription.renewed", async () => {
    const customer = await createCustomer(api, merchant, { email: "recovers@example.com" });
    const card = await saveCard(api, merchant, customer.id);
    const sub = await subscribe({ customer_id: customer.id, payment_method: card.id, amount: 1500, interval: "day" });
    // The card is deleted: the next renewal cannot charge it (a failed attempt, not an error).
    await api.request(`/api/v1/payment_methods/${card.id}`, { method: "DELETE", auth: keyAuth(merchant) });
    await advanceClock(api, merchant, 86_400 + 60);
    const pastDue = await getJson<SubscriptionView>(api, merchant, `/subscriptions/${sub.id}`);
    expect(pastDue).toMatchObject({ status: "past_due", failed_attempts: 1 });
    const [invoice] = (
      await getJson<{ items: { id: string; status: string; order_id: string }[] }>(
        api,
        merchant,
        `/invoices?subscription_id=${sub.id}`,
      )
    ).items;
    expect(invoice?.status).toBe("sent");
    // The customer pays the renewal invoice's order with a new card in the checkout.
    const paid = await api.request("/api/v1/payments/public", {
      method: "POST",
      json: {
        key: merchant.api_key,
        order_id: invoice?.order_id,
        method: "card",
        card: { number: "4242424242424242", expiry: "12/34", cvv: "123" },
      },
    });
    expect(paid.status).toBe(201);
    const active = await eventually(async () => {
      const current = await getJson<SubscriptionView>(api, merchant, `/subscriptions/${sub.id}`);
      return current.status === "active" ? current : undefined;
    });
    expect(active).toMatchObject({ failed_attempts: 0, next_retry_at: null });
    const types = (await subscriptionEvents(sub.id)).map((event) => event.type);
    expect(types).toEqual(["subscription.payment_failed", "subscription.renewed"]);
  }, 120_000);

  it("cancel stops renewals; cancelling again is 409 subscription_state_invalid", async () => {
    const customer = await createCustomer(api, merchant, { email: "leaver@example.com" });
    const card = await saveCard(api, merchant, customer.id);
    const sub = await subscribe({
      customer_id: customer.id,
      payment_method: card.id,
      amount: 2000,
      interval: "week",
      interval_count: 2,
    });
    const cancelled = await post(api, merchant, `/subscriptions/${sub.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).data).toMatchObject({ status: "cancelled" });
    const again = await post(api, merchant, `/subscriptions/${sub.id}/cancel`);
    expect(again.status).toBe(409);
    expect((await again.json()).exception).toMatchObject({ type: "subscription_state_invalid", code: 1027 });
    await advanceClock(api, merchant, 15 * 86_400);
    const page = await getJson<{ items: unknown[] }>(api, merchant, `/invoices?subscription_id=${sub.id}`);
    expect(page.items).toEqual([]);
    const listed = await getJson<{ items: { id: string }[] }>(
      api,
      merchant,
      `/subscriptions?customer_id=${customer.id}&status=cancelled`,
    );
    expect(listed.items.map((item) => item.id)).toEqual([sub.id]);
    expect(
      (await getJson<{ items: unknown[] }>(api, merchant, `/subscriptions?customer_id=${customer.id}&status=active`)).items,
    ).toEqual([]);
    expect((await subscriptionEvents(sub.id)).map((event) => event.type)).toEqual(["subscription.cancelled"]);
  }, 120_000);
});
