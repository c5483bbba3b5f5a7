import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";
import { ADMIN, loggedInAdmin, registeredShopper, ShopClient } from "./support/shopper.js";

let api: RunningApi;
let shop: RunningMerchant;
let alice: ShopClient;
let bob: ShopClient;
let admin: ShopClient;

interface Order {
  id: string;
  paygate_order_id: string;
  status: string;
}

async function placeOrder(client: ShopClient, id = "filter-coffee"): Promise<Order> {
  const response = await client.post("/api/orders", { items: [{ id, quantity: 1 }] });
  expect(response.status).toBe(201);
  return (await response.json()) as Order;
}

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
    admin: ADMIN,
  });
  [alice, bob, admin] = await Promise.all([registeredShopper(shop.url), registeredShopper(shop.url), loggedInAdmin(shop.url)]);
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
    expect((await alice.post("/api/orders", { items: [] })).status).toBe(400);
    expect((await alice.post("/api/orders", { items: [{ id: "caviar", quantity: 1 }] })).status).toBe(400);
    expect((await alice.post("/api/orders", { items: [{ id: "masala-chai", quantity: 1 }], amount: 1 })).status).toBe(400);
  });

  it("accepts the onSuccess result only with a signature over its own stored order id", async () => {
    const order = await placeOrder(alice);
    const other = await placeOrder(alice);
    const sign = (orderId: string) => createHmac("sha256", TEST_SECRET).update(`${orderId}|pay_x1`).digest("hex");

    // Signed for another order: a shopper replaying someone else's success must not pass.
    const replayed = await alice.post(`/api/orders/${order.id}/payment-result`, {
      payment_id: "pay_x1",
      order_id: order.paygate_order_id,
      signature: sign(other.paygate_order_id),
    });
    expect(replayed.status).toBe(400);
    expect(await (await alice.get(`/api/orders/${order.id}`)).json()).toMatchObject({
      status: "awaiting_payment",
      payment_verified: false,
    });

    const genuine = await alice.post(`/api/orders/${order.id}/payment-result`, {
      payment_id: "pay_x1",
      order_id: order.paygate_order_id,
      signature: sign(order.paygate_order_id),
    });
    expect(genuine.status).toBe(200);
    expect(await genuine.json()).toMatchObject({ status: "confirming", payment_id: "pay_x1", payment_verified: true });
  });

  it("refuses to refund an order that is not paid", async () => {
    const order = await placeOrder(alice, "jaggery-cookies");
    const response = await admin.post(`/api/admin/orders/${order.id}/refund`);
    expect(response.status).toBe(409);
    expect((await response.json()).error.type).toBe("not_refundable");
  });
});

describe("who may do what", () => {
  it("answers 401 to anonymous calls of the order, refund and admin APIs", async () => {
    const order = await placeOrder(alice);
    const anonymous = new ShopClient(shop.url);
    const calls = [
      anonymous.get("/api/orders"),
      anonymous.get(`/api/orders/${order.id}`),
      anonymous.post("/api/orders", { items: [{ id: "masala-chai", quantity: 1 }] }),
      anonymous.post(`/api/orders/${order.id}/payment-result`, { payment_id: "p", order_id: "o", signature: "s" }),
      anonymous.post(`/api/orders/${order.id}/refund`),
      anonymous.get("/api/admin/orders"),
      anonymous.post(`/api/admin/orders/${order.id}/refund`),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status, response.url).toBe(401);
      expect((await response.json()).error.type).toBe("unauthenticated");
    }
    // The catalogue stays public.
    expect((await anonymous.get("/api/products")).status).toBe(200);
  });

  it("answers 403 to a shopper calling the admin APIs, and shoppers have no refund API", async () => {
    const order = await placeOrder(alice);
    expect((await alice.get("/api/admin/orders")).status).toBe(403);
    const refund = await alice.post(`/api/admin/orders/${order.id}/refund`);
    expect(refund.status).toBe(403);
    expect((await refund.json()).error.type).toBe("forbidden");
    expect((await alice.post(`/api/orders/${order.id}/refund`)).status).toBe(404);
  });

  it("shows a shopper only their own orders: another's is 404, whatever the call", async () => {
    const order = await placeOrder(alice);
    const mine = await placeOrder(bob, "masala-chai");

    const bobsList = (await (await bob.get("/api/orders")).json()).items as Order[];
    expect(bobsList.map((o) => o.id)).toContain(mine.id);
    expect(bobsList.map((o) => o.id)).not.toContain(order.id);
    const peek = await bob.get(`/api/orders/${order.id}`);
    expect(peek.status).toBe(404);
    expect(await peek.text()).not.toContain(order.paygate_order_id);
    const sign = createHmac("sha256", TEST_SECRET).update(`${order.paygate_order_id}|pay_x2`).digest("hex");
    const result = await bob.post(`/api/orders/${order.id}/payment-result`, {
      payment_id: "pay_x2",
      order_id: order.paygate_order_id,
      signature: sign,
    });
    expect(result.status).toBe(404);
    expect(await (await alice.get(`/api/orders/${order.id}`)).json()).toMatchObject({
      payment_verified: false,
      user_id: expect.any(String),
    });

    // The admin sees everyone's, with whose each is.
    const all = (await (await admin.get("/api/admin/orders")).json()).items as (Order & { customer_email: string })[];
    expect(all.map((o) => o.id)).toEqual(expect.arrayContaining([order.id, mine.id]));
    expect(all.find((o) => o.id === order.id)?.customer_email).toMatch(/^shopper-/);
  });
});
