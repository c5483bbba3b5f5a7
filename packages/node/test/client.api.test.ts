import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPayGateClient, type PayGateClient, PayGateError } from "../src/index.js";
import { eventually, type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./api-server.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

const card = { number: "4242 4242 4242 4242", expiry: "12/34", cvv: "123" };

let api: RunningApi;
let receiver: WebhookReceiver;
let paygate: PayGateClient;

async function caught(promise: Promise<unknown>): Promise<PayGateError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PayGateError) return error;
    throw error;
  }
  throw new Error("expected a PayGateError");
}

beforeAll(async () => {
  let webhookSecret = "";
  receiver = await startWebhookReceiver(() => webhookSecret);
  api = await startApi({ TEST_WEBHOOK_URL: receiver.url });
  const credentials = (await (await fetch(`${api.url}/api/v1/test/merchant`)).json()).data as { webhook_secret: string };
  webhookSecret = credentials.webhook_secret;
  paygate = createPayGateClient({ apiKey: TEST_KEY, apiSecret: TEST_SECRET, apiUrl: api.url });
});

afterAll(async () => {
  await api?.close();
  await receiver?.close();
});

describe("@paygate/node against the real API", () => {
  it("walks orders, payments, refunds and webhooks with every client method", async () => {
    const order = await paygate.orders.create(
      { amount: 50000, receipt: "rcpt-1", notes: { cart: "c1" } },
      { idempotencyKey: "order-c1" },
    );
    expect(order).toMatchObject({ amount: 50000, currency: "INR", status: "created", amount_due: 50000 });
    expect(await paygate.orders.get(order.id)).toMatchObject({ id: order.id, receipt: "rcpt-1" });
    const replay = await paygate.orders.create(
      { amount: 50000, receipt: "rcpt-1", notes: { cart: "c1" } },
      { idempotencyKey: "order-c1" },
    );
    expect(replay.id).toBe(order.id);

    const payment = await paygate.payments.create(
      { order_id: order.id, method: "card", card, capture: "manual" },
      { idempotencyKey: "pay-c1" },
    );
    expect(payment.status).toBe("pending");
    const authorized = await eventually(async () => {
      const current = await paygate.payments.get(payment.id);
      return current.status === "authorized" ? current : undefined;
    });
    expect(authorized.card?.last4).toBe("4242");
    const captured = await paygate.payments.capture(payment.id, { idempotencyKey: "capture-c1" });
    expect(captured).toMatchObject({ status: "captured", captured: true });
    expect((await paygate.payments.list({ order_id: order.id })).items.map((p) => p.id)).toEqual([payment.id]);
    expect((await paygate.orders.listPayments(order.id)).items[0]?.id).toBe(payment.id);
    const orders = await paygate.orders.list({ status: "paid", limit: 5 });
    expect(orders).toMatchObject({ limit: 5, offset: 0 });
    expect(orders.items.map((o) => o.id)).toContain(order.id);

    const refund = await paygate.refunds.create(
      payment.id,
      { amount: 20000, reason: "requested_by_customer" },
      { idempotencyKey: "refund-c1" },
    );
    expect(refund).toMatchObject({ payment_id: payment.id, amount: 20000, status: "pending" });
    const processed = await eventually(async () => {
      const current = await paygate.refunds.get(refund.id);
      return current.status === "processed" ? current : undefined;
    });
    expect(processed.processed_at).not.toBeNull();
    expect((await paygate.refunds.list({ payment_id: payment.id })).items.map((r) => r.id)).toEqual([refund.id]);

    const spare = await paygate.orders.create({ amount: 100, currency: "JPY" });
    expect(await paygate.orders.cancel(spare.id)).toMatchObject({ id: spare.id, status: "cancelled" });

    // authorized, captured, order.paid and refund.processed: all four delivered and verified.
    const deliveries = await eventually(async () => {
      const list = await paygate.webhooks.list({ status: "success", limit: 100 });
      return list.items.length >= 4 ? list : undefined;
    });
    expect(new Set(deliveries.items.map((d) => d.event))).toEqual(
      new Set(["payment.authorized", "payment.captured", "order.paid", "refund.processed"]),
    );
    expect(receiver.rejected).toEqual([]);
    const first = deliveries.items[0];
    if (!first) throw new Error("no delivery");
    const detail = await paygate.webhooks.get(first.id);
    expect(detail.payload).toMatchObject({ id: first.event_id });
    expect(detail.attempt_log[0]?.response_code).toBe(204);

    const before = receiver.received.filter((r) => r.webhookId === first.event_id).length;
    const retried = await paygate.webhooks.retry(first.id, { idempotencyKey: "retry-1" });
    expect(retried.id).toBe(first.id);
    await eventually(async () =>
      receiver.received.filter((r) => r.webhookId === first.event_id).length > before ? true : undefined,
    );
  });

  it("manages webhook endpoints: each signs with its own secret; a ping arrives verified", async () => {
    let endpointSecret = "";
    const own = await startWebhookReceiver(() => endpointSecret);
    try {
      const endpoint = await paygate.webhookEndpoints.create({ url: own.url, events: ["order.paid"], description: "app" });
      endpointSecret = endpoint.secret;
      expect(endpoint).toMatchObject({ url: own.url, events: ["order.paid"], status: "enabled" });
      expect((await paygate.webhookEndpoints.list()).items.map((e) => e.id)).toContain(endpoint.id);
      expect(await paygate.webhookEndpoints.get(endpoint.id)).not.toHaveProperty("secret");
      const ping = await paygate.webhookEndpoints.test(endpoint.id);
      expect(ping).toMatchObject({ endpoint_id: endpoint.id, event: "ping" });
      await eventually(async () => (own.received.some((r) => r.event.type === "ping") ? true : undefined));
      expect(own.rejected).toEqual([]);
      expect((await paygate.webhooks.list({ endpoint_id: endpoint.id, event_type: "ping" })).items).toHaveLength(1);

      const updated = await paygate.webhookEndpoints.update(endpoint.id, { status: "disabled" });
      expect(updated.status).toBe("disabled");
      const rotated = await paygate.webhookEndpoints.rotateSecret(endpoint.id);
      expect(rotated.secret).not.toBe(endpoint.secret);
      expect(await paygate.webhookEndpoints.delete(endpoint.id)).toMatchObject({ id: endpoint.id });
      expect(await caught(paygate.webhookEndpoints.get(endpoint.id))).toMatchObject({ status: 404, type: "not_found" });
    } finally {
      await own.close();
    }
  });

  it("maps a 409 to PayGateError payment_not_capturable", async () => {
    const order = await paygate.orders.create({ amount: 1000 });
    const payment = await paygate.payments.create({ order_id: order.id, method: "card", card });
    await eventually(async () => ((await paygate.payments.get(payment.id)).status === "captured" ? true : undefined));
    const error = await caught(paygate.payments.capture(payment.id));
    expect(error).toBeInstanceOf(PayGateError);
    expect(error).toMatchObject({ status: 409, type: "payment_not_capturable", code: 1012 });
    expect(error.requestId).toMatch(/^req_/);
  });

  it("maps a 422 to PayGateError idempotency_key_reused", async () => {
    await paygate.orders.create({ amount: 1000 }, { idempotencyKey: "reused-key" });
    const error = await caught(paygate.orders.create({ amount: 2000 }, { idempotencyKey: "reused-key" }));
    expect(error).toMatchObject({ status: 422, type: "idempotency_key_reused", code: 1015 });
    expect(error.requestId).toMatch(/^req_/);
  });

  it("maps validation, auth and not-found errors with their param", async () => {
    const invalid = await caught(paygate.orders.create({ amount: 10.5 }));
    expect(invalid).toMatchObject({ status: 400, type: "validation_error", param: "amount" });
    const missing = await caught(paygate.orders.get("order_doesnotexist0000000"));
    expect(missing).toMatchObject({ status: 404, type: "not_found" });
    const stranger = createPayGateClient({ apiKey: TEST_KEY, apiSecret: "secret_test_wrong", apiUrl: api.url });
    expect(await caught(stranger.orders.list())).toMatchObject({ status: 401, type: "unauthorized", code: 1002 });
  });
});
