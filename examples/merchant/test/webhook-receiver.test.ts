import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";
import { registeredShopper, type ShopClient } from "./support/shopper.js";
import { capturedPayment, newEventId, signedWebhook } from "./support/signed-webhook.js";

let api: RunningApi;
let shop: RunningMerchant;
let shopper: ShopClient;

interface ShopOrder {
  id: string;
  paygate_order_id: string;
  amount: number;
  status: string;
  events: string[];
}

async function createShopOrder(): Promise<ShopOrder> {
  const response = await shopper.post("/api/orders", { items: [{ id: "masala-chai", quantity: 2 }] });
  expect(response.status).toBe(201);
  return (await response.json()) as ShopOrder;
}

const getShopOrder = async (id: string) => (await (await shopper.get(`/api/orders/${id}`)).json()) as ShopOrder;

function paidEvent(order: ShopOrder) {
  return {
    id: newEventId(),
    type: "order.paid" as const,
    created_at: new Date().toISOString(),
    data: { payment: capturedPayment(order.paygate_order_id, order.amount) },
  };
}

const deliver = (init: RequestInit) => fetch(`${shop.url}/webhooks/paygate`, init);

beforeAll(async () => {
  api = await startApi();
  shop = await startMerchant({
    port: 0,
    hostname: "127.0.0.1",
    apiUrl: api.url,
    checkoutUrl: "http://127.0.0.1:9",
    apiKey: TEST_KEY,
    apiSecret: TEST_SECRET,
    webhookSecret: api.webhookSecret,
  });
  shopper = await registeredShopper(shop.url);
});

afterAll(async () => {
  await shop?.close();
  await api?.close();
});

describe("POST /webhooks/paygate", () => {
  it("creates the order through the API at the catalogue price", async () => {
    const order = await createShopOrder();
    expect(order).toMatchObject({ amount: 69800, status: "awaiting_payment", events: [] });
    expect(order.paygate_order_id).toMatch(/^order_/);
  });

  it("marks the order paid for a correctly signed order.paid", async () => {
    const order = await createShopOrder();
    const response = await deliver(signedWebhook(paidEvent(order), api.webhookSecret));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    expect(await getShopOrder(order.id)).toMatchObject({ status: "paid", events: ["order.paid"] });
  });

  it("rejects a bad signature and changes nothing", async () => {
    const order = await createShopOrder();
    const request = signedWebhook(paidEvent(order), api.webhookSecret);
    const forged = { ...request, body: request.body.replace(`"amount":${order.amount}`, `"amount":1`) };
    const response = await deliver(forged);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "no_matching_signature" });
    const otherSecret = signedWebhook(paidEvent(order), `whsec_${Buffer.from("another-secret-of-24-bytes!").toString("base64")}`);
    expect((await deliver(otherSecret)).status).toBe(400);
    expect(await getShopOrder(order.id)).toMatchObject({ status: "awaiting_payment", events: [] });
  });

  it("rejects a correctly signed webhook older than 5 minutes, accepts one 4 minutes old", async () => {
    const order = await createShopOrder();
    const now = Math.floor(Date.now() / 1000);
    const stale = await deliver(signedWebhook(paidEvent(order), api.webhookSecret, now - 6 * 60));
    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual({ error: "timestamp_too_old" });
    expect((await getShopOrder(order.id)).status).toBe("awaiting_payment");
    const recent = await deliver(signedWebhook(paidEvent(order), api.webhookSecret, now - 4 * 60));
    expect(recent.status).toBe(200);
    expect((await getShopOrder(order.id)).status).toBe("paid");
  });

  it("processes a replayed webhook-id once, answering 2xx so PayGate stops retrying", async () => {
    const order = await createShopOrder();
    const event = paidEvent(order);
    expect(await (await deliver(signedWebhook(event, api.webhookSecret))).json()).toMatchObject({ duplicate: false });
    // A retry carries the same webhook-id with a fresh timestamp and signature.
    const replay = await deliver(signedWebhook(event, api.webhookSecret, Math.floor(Date.now() / 1000) + 1));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect((await getShopOrder(order.id)).events).toEqual(["order.paid"]);
  });

  it("marks a paid order refunded on refund.processed, and never back to paid after", async () => {
    const order = await createShopOrder();
    const paid = paidEvent(order);
    await deliver(signedWebhook(paid, api.webhookSecret));
    const refunded = capturedPayment(order.paygate_order_id, order.amount, {
      id: paid.data.payment.id,
      status: "refunded",
      amount_refunded: order.amount,
    });
    const refundEvent = {
      id: newEventId(),
      type: "refund.processed" as const,
      created_at: new Date().toISOString(),
      data: { payment: refunded },
    };
    expect((await deliver(signedWebhook(refundEvent, api.webhookSecret))).status).toBe(200);
    expect(await getShopOrder(order.id)).toMatchObject({ status: "refunded", events: ["order.paid", "refund.processed"] });
    // A late payment.captured (no ordering promise) must not undo the refund.
    const late = { ...paidEvent(order), id: newEventId(), type: "payment.captured" as const };
    await deliver(signedWebhook(late, api.webhookSecret));
    expect((await getShopOrder(order.id)).status).toBe("refunded");
  });

  it("acknowledges a settlement.processed event (it moves money, not orders)", async () => {
    const settlement = {
      id: newEventId(),
      type: "settlement.processed" as const,
      created_at: new Date().toISOString(),
      data: {
        settlement: {
          id: "setl_abcdefghijkl",
          currency: "INR" as const,
          amount: 9800,
          status: "processed" as const,
          transaction_count: 1,
          period_start: new Date().toISOString(),
          period_end: new Date().toISOString(),
          created_at: new Date().toISOString(),
        },
      },
    };
    const response = await deliver(signedWebhook(settlement, api.webhookSecret));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
  });
});
