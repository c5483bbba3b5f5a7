import { freePort } from "@paygate/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { eventually, type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";
import { ADMIN, loggedInAdmin, registeredShopper, type ShopClient } from "./support/shopper.js";

/**
 * A promo code typed in the shop's cart (SPEC §12, §14): each shop order is billed through a
 * PayGate invoice, so the shop passes the code as the invoice's `discount_code`. PayGate validates
 * and reserves it; a refused code is explained in plain words and creates nothing. The invoice's
 * order then takes no second code in PayGate's checkout.
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

const orderCount = async () => ((await (await shopper.get("/api/orders")).json()).items as unknown[]).length;
const invoiceCount = async () => {
  const response = await fetch(`${api.url}/api/v1/invoices?limit=100`, { headers: merchantHeaders });
  return ((await response.json()).data as unknown[]).length;
};

describe("the cart's promo code goes on the order's PayGate invoice", () => {
  it("the invoice and the shop's order carry the discount; the shopper pays the discounted total", async () => {
    const placed = await shopper.post("/api/orders", { items: [{ id: "masala-chai", quantity: 2 }], promo_code: " chai20 " });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as Order & { paygate_invoice_id: string; discount_display: string };
    // 2 × ₹349.00 = ₹698.00, less 20 % = ₹558.40.
    expect(order).toMatchObject({ amount: 55840, amount_paid: null, discount_code: "CHAI20", discount_amount: 13960 });
    expect(order.discount_display).toBe("CHAI20 −₹139.60");
    const invoice = (
      await (await fetch(`${api.url}/api/v1/invoices/${order.paygate_invoice_id}`, { headers: merchantHeaders })).json()
    ).data;
    expect(invoice).toMatchObject({ subtotal: 69800, discount_code: "CHAI20", discount_amount: 13960, total: 55840 });

    // PayGate's checkout offers no second code on the invoice's order.
    const checkoutOrder = (
      await (await fetch(`${api.url}/api/v1/checkout/orders/${order.paygate_order_id}?key=${TEST_KEY}`)).json()
    ).data;
    expect(checkoutOrder).toMatchObject({ promo_codes: false, order: { amount_due: 55840 } });
    const second = await checkout(`/checkout/orders/${order.paygate_order_id}/discount`, {
      method: "POST",
      body: JSON.stringify({ key: TEST_KEY, code: "CHAI20" }),
    });
    expect(second.status).toBe(400);
    expect((await second.json()).exception).toMatchObject({ type: "validation_error", param: "code" });

    const payment = await checkout("/payments/public", {
      method: "POST",
      body: JSON.stringify({ key: TEST_KEY, order_id: order.paygate_order_id, method: "upi", vpa: "success@paygate" }),
    });
    expect(payment.status).toBe(201);
    const paid = await eventually(async () => {
      const current = (await (await shopper.get(`/api/orders/${order.id}`)).json()) as Order;
      return current.status === "paid" ? current : undefined;
    }, 20_000);
    // The paid webhook's order has no discount of its own: the code placed with the order stays.
    expect(paid).toMatchObject({ amount: 55840, amount_paid: 55840, discount_code: "CHAI20", discount_amount: 13960 });
    const listed = ((await (await admin.get("/api/admin/orders")).json()).items as Record<string, unknown>[]).find(
      (o) => o.id === order.id,
    );
    expect(listed).toMatchObject({ amount_paid_display: "₹558.40", discount_display: "CHAI20 −₹139.60" });
  });

  it("a refused code is explained in plain words and creates nothing, in the shop or in PayGate", async () => {
    const [ordersBefore, invoicesBefore] = [await orderCount(), await invoiceCount()];
    const cases = [
      ["NOSUCH", "unknown", "This promo code isn't valid. Check it and try again."],
      // CHAI20 is once per shopper, and this shopper used it above (PayGate counts by the invoice's email).
      ["CHAI20", "per_customer_limit", "You have already used this promo code."],
    ] as const;
    for (const [code, reason, description] of cases) {
      const refused = await shopper.post("/api/orders", { items: [{ id: "filter-coffee", quantity: 1 }], promo_code: code });
      expect(refused.status).toBe(409);
      expect((await refused.json()).error).toEqual({ type: "discount_invalid", param: "promo_code", reason, description });
    }
    expect(await orderCount()).toBe(ordersBefore);
    expect(await invoiceCount()).toBe(invoicesBefore);

    // Another shopper may use it.
    const other = await registeredShopper(shop.url);
    const theirs = await other.post("/api/orders", { items: [{ id: "filter-coffee", quantity: 1 }], promo_code: "CHAI20" });
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as Order).discount_code).toBe("CHAI20");
  });
});
