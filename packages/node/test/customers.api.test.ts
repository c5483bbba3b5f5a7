import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPayGateClient, type PayGateClient, PayGateError } from "../src/index.js";
import { eventually, type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./api-server.js";

let api: RunningApi;
let paygate: PayGateClient;

beforeAll(async () => {
  api = await startApi();
  paygate = createPayGateClient({ apiKey: TEST_KEY, apiSecret: TEST_SECRET, apiUrl: api.url });
});
afterAll(() => api?.close());

/** The shopper's part, which no server client does: the checkout pays with "Save this card" ticked. */
async function saveCardInCheckout(orderId: string) {
  const response = await fetch(`${api.url}/api/v1/payments/public`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      key: TEST_KEY,
      order_id: orderId,
      method: "card",
      card: { number: "4242424242424242", expiry: "12/34", cvv: "123" },
      save_card: true,
    }),
  });
  expect(response.status).toBe(201);
}

describe("@paygate/node customers, paymentMethods and subscriptions against the real API", () => {
  it("creates and updates a customer, lists its saved card, subscribes it and cancels", async () => {
    const customer = await paygate.customers.create(
      { name: "Asha", email: "asha-node@example.com" },
      { idempotencyKey: "cust-1" },
    );
    expect(await paygate.customers.get(customer.id)).toEqual(customer);
    expect(await paygate.customers.update(customer.id, { contact: "+91 90000 00000" })).toMatchObject({
      contact: "+91 90000 00000",
    });
    expect((await paygate.customers.list({ email: "ASHA-node@example.com" })).items.map((c) => c.id)).toEqual([customer.id]);

    const order = await paygate.orders.create({ amount: 1000, customer_id: customer.id });
    expect(order.customer_id).toBe(customer.id);
    await saveCardInCheckout(order.id);
    const [card] = await eventually(async () => {
      const page = await paygate.paymentMethods.list(customer.id);
      return page.items.length > 0 ? page.items : undefined;
    });
    expect(card?.card).toMatchObject({ last4: "4242", network: "visa" });
    if (!card) throw new Error("no card");

    const charge = await paygate.orders.create({ amount: 2500, customer_id: customer.id });
    const payment = await paygate.payments.create({ order_id: charge.id, payment_method: card.id });
    expect(payment).toMatchObject({ status: "pending", payment_method_id: card.id });

    const subscription = await paygate.subscriptions.create({
      customer_id: customer.id,
      payment_method: card.id,
      amount: 9900,
      interval: "month",
    });
    expect(subscription.status).toBe("active");
    expect(await paygate.subscriptions.get(subscription.id)).toMatchObject({ id: subscription.id });
    expect((await paygate.subscriptions.list({ customer_id: customer.id })).items.map((s) => s.id)).toEqual([subscription.id]);
    expect(await paygate.subscriptions.cancel(subscription.id)).toMatchObject({ status: "cancelled" });
    const again = await paygate.subscriptions.cancel(subscription.id).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(PayGateError);
    expect(again).toMatchObject({ status: 409, type: "subscription_state_invalid", code: 1027 });

    expect(await paygate.paymentMethods.delete(card.id)).toMatchObject({ id: card.id, deleted_at: expect.any(String) });
    expect((await paygate.paymentMethods.list(customer.id)).items).toEqual([]);
    const unusable = await paygate.payments
      .create({ order_id: (await paygate.orders.create({ amount: 100, customer_id: customer.id })).id, payment_method: card.id })
      .catch((error: unknown) => error);
    expect(unusable).toMatchObject({ status: 409, type: "payment_method_unusable", code: 1026, param: "payment_method" });
  });
});
