import { freePort } from "@paygate/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { eventually, type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";
import { ADMIN, loggedInAdmin, registeredShopper, type ShopClient } from "./support/shopper.js";

/**
 * A promo code typed in PayGate's checkout (SPEC §12, §14): the shop creates the order at the cart
 * price, the shopper applies the code and pays through the public checkout endpoints (what the
 * modal calls), and the shop learns the captured amount and the code from PayGate's signed webhook.
 */
let api: RunningApi;
let shop: RunningMerchant;
let shopper: ShopClient;
let admin: ShopClient;

const merchantHeaders = { "Content-Type": "application/json", "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET };
const checkout = (path: string, init: RequestInit) =>
  fetch(`${api.url}/api/v1${path}`, { ...init, headers: { "Content-Type": "application/json" } });

interface Order {
  id: string;
  paygate_order_id: string;
  amount: number;
  amount_paid: number | null;
  discount_code: string | null;
  discount_amount: number;
  status: string;
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
    admin: ADMIN,
  });
  [shopper, admin] = await Promise.all([registeredShopper(shop.url), loggedInAdmin(shop.url)]);
  const created = await fetch(`${api.url}/api/v1/discounts`, {
    method: "POST",
    headers: merchantHeaders,
    body: JSON.stringify({ code: "CHAI20", type: "percentage", value: 2000, max_uses_per_customer: 1 }),
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await shop?.close();
  await api?.close();
});

describe("the cart with a promo code applied in PayGate's checkout", () => {
  it("records the discounted amount PayGate captured, and the code, from the webhook", async () => {
    const order = (await (await shopper.post("/api/orders", { items: [{ id: "masala-chai", quantity: 2 }] })).json()) as Order;
    expect(order).toMatchObject({ amount: 69800, amount_paid: null, discount_code: null });

    const applied = await checkout(`/checkout/orders/${order.paygate_order_id}/discount`, {
      method: "POST",
      body: JSON.stringify({ key: TEST_KEY, code: "chai20" }),
    });
    expect(applied.status).toBe(200);
    expect((await applied.json()).data.order).toMatchObject({
      amount: 69800,
      amount_due: 55840,
      discount: { code: "CHAI20", amount: 13960 },
    });

    const payment = await checkout("/payments/public", {
      method: "POST",
      body: JSON.stringify({ key: TEST_KEY, order_id: order.paygate_order_id, method: "upi", vpa: "success@paygate" }),
    });
    expect(payment.status).toBe(201);

    const paid = await eventually(async () => {
      const current = (await (await shopper.get(`/api/orders/${order.id}`)).json()) as Order;
      return current.status === "paid" ? current : undefined;
    }, 20_000);
    expect(paid).toMatchObject({ amount: 69800, amount_paid: 55840, discount_code: "CHAI20", discount_amount: 13960 });
    // The admin's list shows the same, formatted.
    const listed = ((await (await admin.get("/api/admin/orders")).json()).items as Record<string, unknown>[]).find(
      (o) => o.id === order.id,
    );
    expect(listed).toMatchObject({ amount_paid_display: "₹558.40", discount_display: "CHAI20 −₹139.60" });
  });

  it("holds the code to once per shopper: the shop passes the shopper's email to PayGate", async () => {
    const order = (await (await shopper.post("/api/orders", { items: [{ id: "filter-coffee", quantity: 1 }] })).json()) as Order;
    const again = await checkout(`/checkout/orders/${order.paygate_order_id}/discount`, {
      method: "POST",
      body: JSON.stringify({ key: TEST_KEY, code: "CHAI20" }),
    });
    expect(again.status).toBe(409);
    expect((await again.json()).exception).toMatchObject({ type: "discount_invalid", meta: { reason: "per_customer_limit" } });

    // Another shopper may use it.
    const other = await registeredShopper(shop.url);
    const theirs = (await (await other.post("/api/orders", { items: [{ id: "filter-coffee", quantity: 1 }] })).json()) as Order;
    const applied = await checkout(`/checkout/orders/${theirs.paygate_order_id}/discount`, {
      method: "POST",
      body: JSON.stringify({ key: TEST_KEY, code: "CHAI20" }),
    });
    expect(applied.status).toBe(200);
  });
});
