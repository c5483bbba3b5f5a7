import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";

let api: RunningApi;
let shop: RunningMerchant;

const post = (path: string, body: unknown) =>
  fetch(`${shop.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  api = await startApi();
  shop = await startMerchant({
    port: 0,
    hostname: "127.0.0.1",
    apiUrl: api.url,
    checkoutUrl: "http://127.0.0.1:3001",
    apiKey: TEST_KEY,
    apiSecret: TEST_SECRET,
    webhookSecret: api.webhookSecret,
  });
});

afterAll(async () => {
  await shop?.close();
  await api?.close();
});

describe("shop page and API", () => {
  it("serves the page with the checkout's sdk.js and the publishable key only", async () => {
    const html = await (await fetch(shop.url)).text();
    expect(html).toContain('<script src="http://127.0.0.1:3001/sdk.js"');
    expect(html).toContain(`data-paygate-key="${TEST_KEY}"`);
    expect(html).not.toContain(TEST_SECRET);
  });

  it("refuses carts it cannot price", async () => {
    expect((await post("/api/orders", { items: [] })).status).toBe(400);
    expect((await post("/api/orders", { items: [{ id: "caviar", quantity: 1 }] })).status).toBe(400);
    expect((await post("/api/orders", { items: [{ id: "masala-chai", quantity: 1 }], amount: 1 })).status).toBe(400);
  });

  it("accepts the onSuccess result only with a signature over its own stored order id", async () => {
    const order = await (await post("/api/orders", { items: [{ id: "filter-coffee", quantity: 1 }] })).json();
    const other = await (await post("/api/orders", { items: [{ id: "filter-coffee", quantity: 1 }] })).json();
    const sign = (orderId: string) => createHmac("sha256", TEST_SECRET).update(`${orderId}|pay_x1`).digest("hex");

    // Signed for another order: a shopper replaying someone else's success must not pass.
    const replayed = await post(`/api/orders/${order.id}/payment-result`, {
      payment_id: "pay_x1",
      order_id: order.paygate_order_id,
      signature: sign(other.paygate_order_id),
    });
    expect(replayed.status).toBe(400);
    expect(await (await fetch(`${shop.url}/api/orders/${order.id}`)).json()).toMatchObject({
      status: "awaiting_payment",
      payment_verified: false,
    });

    const genuine = await post(`/api/orders/${order.id}/payment-result`, {
      payment_id: "pay_x1",
      order_id: order.paygate_order_id,
      signature: sign(order.paygate_order_id),
    });
    expect(genuine.status).toBe(200);
    expect(await genuine.json()).toMatchObject({ status: "confirming", payment_id: "pay_x1", payment_verified: true });
  });

  it("refuses to refund an order that is not paid", async () => {
    const order = await (await post("/api/orders", { items: [{ id: "jaggery-cookies", quantity: 3 }] })).json();
    const response = await post(`/api/orders/${order.id}/refund`, {});
    expect(response.status).toBe(409);
    expect((await response.json()).error.type).toBe("not_refundable");
  });
});
