import { freePort } from "@paygate/api/testing";
import type { WebhookEvent } from "@paygate/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { oneMonthAfter } from "../src/subscriptions.js";
import { eventually, type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";
import { registeredShopper, type ShopClient } from "./support/shopper.js";
import { newEventId, signedWebhook } from "./support/signed-webhook.js";

/**
 * The Chai club end to end against a real API, whose webhooks reach the shop: the shop makes a
 * PayGate customer for the shopper, the first month is paid through the public checkout endpoints
 * (what the modal calls) with "Save this card" ticked, the shop creates the subscription with the
 * saved card starting a month later, the test clock runs PayGate's charges, and the shop's record
 * follows PayGate's signed webhooks.
 */
let api: RunningApi;
let shop: RunningMerchant;
let alice: ShopClient;
let bob: ShopClient;
const received: WebhookEvent[] = [];

const merchantHeaders = { "Content-Type": "application/json", "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET };
async function paygate(method: string, path: string, body?: unknown) {
  const response = await fetch(`${api.url}/api/v1${path}`, {
    method,
    headers: merchantHeaders,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()).data;
}
const checkout = async (path: string, body?: unknown) => {
  const response = await fetch(`${api.url}/api/v1${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, data: (await response.json()).data };
};
const advanceClock = (seconds: number) => paygate("POST", "/test/clock/advance", { seconds });

interface Membership {
  id: string;
  status: string;
  paygate_order_id: string;
  paygate_subscription_id: string | null;
  paid_through: string | null;
  renews_at: string | null;
  renewals: number;
  amount: number;
  amount_display: string;
  note: string | null;
}
const memberships = async (client: ShopClient) =>
  ((await (await client.get("/api/subscriptions")).json()) as { items: Membership[] }).items;

/** What the modal does: pay with a card, "Save this card" ticked, and hand the signed result to the shop. */
async function payFirstMonth(client: ShopClient, membership: Membership, saveCard = true) {
  const created = await checkout("/payments/public", {
    key: TEST_KEY,
    order_id: membership.paygate_order_id,
    method: "card",
    card: { number: "4242424242424242", expiry: "12/34", cvv: "123" },
    ...(saveCard ? { save_card: true } : {}),
  });
  expect(created.status).toBe(201);
  const paid = await eventually(async () => {
    const { data } = await checkout(`/payments/${created.data.id}/public?key=${TEST_KEY}`);
    return data.status === "captured" ? data : undefined;
  });
  return client.post(`/api/subscriptions/${membership.id}/payment-result`, {
    payment_id: paid.id,
    order_id: membership.paygate_order_id,
    signature: paid.signature,
  });
}

beforeAll(async () => {
  const shopPort = await freePort();
  api = await startApi({ TEST_WEBHOOK_URL: `http://127.0.0.1:${shopPort}/webhooks/paygate` });
  shop = await startMerchant({
    port: shopPort,
    hostname: "127.0.0.1",
    apiUrl: api.url,
    checkoutUrl: "http://127.0.0.1:9",
    apiKey: TEST_KEY,
    apiSecret: TEST_SECRET,
    webhookSecret: api.webhookSecret,
    onWebhook: (event) => received.push(event),
  });
  [alice, bob] = await Promise.all([registeredShopper(shop.url), registeredShopper(shop.url)]);
});

afterAll(async () => {
  await shop?.close();
  await api?.close();
});

describe("the Chai club, a monthly subscription paid with a saved card", () => {
  let membership: Membership;

  it("subscribing creates the shopper's PayGate customer and a first-month order the checkout may save a card on", async () => {
    const response = await alice.post("/api/subscriptions", { plan: "chai-club" });
    expect(response.status).toBe(201);
    membership = await response.json();
    expect(membership).toMatchObject({ status: "awaiting_payment", amount: 49900, paygate_subscription_id: null });

    const order = await paygate("GET", `/orders/${membership.paygate_order_id}`);
    expect(order).toMatchObject({ amount: 49900, currency: "INR", status: "created" });
    const customer = await paygate("GET", `/customers/${order.customer_id}`);
    expect(customer.email).toMatch(/^shopper-.*@example\.test$/);
    // The modal shows "Save this card for future payments" because the order has a customer.
    const view = await checkout(`/checkout/orders/${membership.paygate_order_id}?key=${TEST_KEY}`);
    expect(view.data.can_save_card).toBe(true);

    // Asking again before paying hands back the same membership (and the same order).
    const again = await alice.post("/api/subscriptions", { plan: "chai-club" });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(membership.id);
  });

  it("paying the first month with the card saved creates the subscription, starting a month after that payment", async () => {
    const response = await payFirstMonth(alice, membership);
    expect(response.status).toBe(200);
    membership = await response.json();
    expect(membership.status).toBe("active");
    expect(membership.paygate_subscription_id).toMatch(/^sub_/);

    const subscription = await paygate("GET", `/subscriptions/${membership.paygate_subscription_id}`);
    const order = await paygate("GET", `/orders/${membership.paygate_order_id}`);
    const cards = (await paygate("GET", `/customers/${order.customer_id}/payment_methods`)).items;
    expect(cards).toHaveLength(1);
    expect(cards[0].card.last4).toBe("4242");
    expect(subscription).toMatchObject({
      status: "active",
      customer_id: order.customer_id,
      payment_method_id: cards[0].id,
      amount: 49900,
      interval: "month",
    });
    // The month paid in the modal runs to start_at; PayGate has charged nothing yet.
    expect(subscription.start_at).toBe(membership.paid_through);
    expect(membership.renews_at).toBe(subscription.start_at);
    const payment = await paygate(
      "GET",
      `/payments/${(await paygate("GET", `/payments?order_id=${membership.paygate_order_id}`)).items[0].id}`,
    );
    expect(subscription.start_at).toBe(oneMonthAfter(new Date(payment.updated_at)).toISOString());
    expect((await paygate("GET", `/invoices?subscription_id=${subscription.id}`)).items).toHaveLength(0);

    // One membership at a time.
    expect((await alice.post("/api/subscriptions", { plan: "chai-club" })).status).toBe(409);
    // The shopper sees it on their account.
    expect(await memberships(alice)).toEqual([
      expect.objectContaining({ id: membership.id, status: "active", amount_display: "₹499.00 / month" }),
    ]);
  });

  it("a month later PayGate charges the saved card, and the month after renews it: the shop's record follows the webhooks", async () => {
    const startAt = new Date(membership.paid_through ?? "");
    const { now } = await paygate("GET", "/test/clock");
    await advanceClock(Math.ceil((startAt.getTime() - new Date(now).getTime()) / 1000) + 60);
    const second = await eventually(async () => {
      const [row] = await memberships(alice);
      return row && row.renewals === 1 ? row : undefined;
    });
    expect(second.renews_at).toBe(oneMonthAfter(startAt).toISOString());

    await advanceClock(Math.ceil((oneMonthAfter(startAt).getTime() - startAt.getTime()) / 1000));
    const third = await eventually(async () => {
      const [row] = await memberships(alice);
      return row && row.renewals === 2 ? row : undefined;
    });
    const renewed = await eventually(async () => received.find((event) => event.type === "subscription.renewed"));
    expect(renewed.data).toMatchObject({ subscription: { id: membership.paygate_subscription_id } });
    const subscription = await paygate("GET", `/subscriptions/${membership.paygate_subscription_id}`);
    expect(third).toMatchObject({ status: "active", renews_at: subscription.current_period_end });
    expect(third.renews_at).toBe(oneMonthAfter(oneMonthAfter(startAt)).toISOString());
    // A redelivery of the same event (same webhook-id) is acknowledged and applied once; a
    // badly signed one is refused.
    const replay = await fetch(`${shop.url}/webhooks/paygate`, signedWebhook(renewed, api.webhookSecret));
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    const forged = signedWebhook(
      { ...renewed, id: newEventId() },
      `whsec_${Buffer.from("not the shop's secret!!!").toString("base64")}`,
    );
    expect((await fetch(`${shop.url}/webhooks/paygate`, forged)).status).toBe(400);
    expect((await memberships(alice))[0]?.renewals).toBe(2);
    // One invoice for the renewal; the months before were the modal's order and the start_at charge.
    const invoices = (await paygate("GET", `/invoices?subscription_id=${subscription.id}`)).items;
    expect(invoices.map((invoice: { status: string }) => invoice.status)).toEqual(["paid"]);
  });

  it("only its owner can cancel it: anonymous 401, another shopper 404 (and sees none)", async () => {
    expect((await fetch(`${shop.url}/api/subscriptions`)).status).toBe(401);
    const anonymous = await fetch(`${shop.url}/api/subscriptions/${membership.id}/cancel`, {
      method: "POST",
      headers: { Origin: new URL(shop.url).origin },
    });
    expect(anonymous.status).toBe(401);
    expect((await bob.post(`/api/subscriptions/${membership.id}/cancel`)).status).toBe(404);
    expect(await memberships(bob)).toEqual([]);
    expect((await paygate("GET", `/subscriptions/${membership.paygate_subscription_id}`)).status).toBe("active");

    const cancelled = await alice.post(`/api/subscriptions/${membership.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: "cancelled", renews_at: null });
    expect((await paygate("GET", `/subscriptions/${membership.paygate_subscription_id}`)).status).toBe("cancelled");
    await eventually(async () => received.find((event) => event.type === "subscription.cancelled"));
    expect((await memberships(alice))[0]?.status).toBe("cancelled");
    // Cancelling again changes nothing.
    expect((await alice.post(`/api/subscriptions/${membership.id}/cancel`)).status).toBe(200);
  });

  it("refuses a forged payment result; a first month paid without saving the card is refunded and starts no subscription", async () => {
    const response = await bob.post("/api/subscriptions", { plan: "chai-club" });
    expect(response.status).toBe(201);
    const started: Membership = await response.json();
    const forged = await bob.post(`/api/subscriptions/${started.id}/payment-result`, {
      payment_id: "pay_forged",
      order_id: started.paygate_order_id,
      signature: "0".repeat(64),
    });
    expect(forged.status).toBe(400);

    const unsaved = await payFirstMonth(bob, started, false);
    expect(unsaved.status).toBe(200);
    const row: Membership = await unsaved.json();
    expect(row).toMatchObject({ status: "cancelled", paygate_subscription_id: null, renews_at: null });
    expect(row.note).toMatch(/^Refunded: .*Save this card/);
    const order = await paygate("GET", `/orders/${started.paygate_order_id}`);
    expect((await paygate("GET", `/subscriptions?customer_id=${order.customer_id}`)).items).toEqual([]);
    const [payment] = (await paygate("GET", `/payments?order_id=${started.paygate_order_id}`)).items;
    await eventually(async () => ((await paygate("GET", `/payments/${payment.id}`)).status === "refunded" ? true : undefined));
    // Joining again starts afresh, on a new order.
    const retry = await bob.post("/api/subscriptions", { plan: "chai-club" });
    expect(retry.status).toBe(201);
    expect((await retry.json()).paygate_order_id).not.toBe(started.paygate_order_id);
  });

  it("rejects an unknown plan", async () => {
    expect((await alice.post("/api/subscriptions", { plan: "coffee-club" })).status).toBe(400);
  });
});
