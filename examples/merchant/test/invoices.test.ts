import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";
import { registeredShopper, type ShopClient } from "./support/shopper.js";

let api: RunningApi;
let shop: RunningMerchant;
let alice: ShopClient;
let bob: ShopClient;

const paygate = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${api.url}/api/v1${path}`, {
    method,
    headers: { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()).data;
};

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
  [alice, bob] = await Promise.all([registeredShopper(shop.url), registeredShopper(shop.url)]);
});

afterAll(async () => {
  await shop?.close();
  await api?.close();
});

describe("every shop order has a PayGate invoice", () => {
  it("placing an order creates and sends the invoice; its order is the one the modal pays; paying it pays the invoice", async () => {
    const response = await alice.post("/api/orders", {
      items: [
        { id: "filter-coffee", quantity: 2 },
        { id: "masala-chai", quantity: 1 },
      ],
    });
    expect(response.status).toBe(201);
    const order = await response.json();
    expect(order.paygate_invoice_id).toMatch(/^inv_/);

    const invoice = await paygate("GET", `/invoices/${order.paygate_invoice_id}`);
    expect(invoice).toMatchObject({ status: "sent", order_id: order.paygate_order_id, total: order.amount, currency: "INR" });
    expect(invoice.number).toMatch(/^INV-\d{6}$/);
    expect(invoice.customer.email).toMatch(/^shopper-/);
    expect(invoice.line_items.map((line: { name: string; quantity: number }) => line.quantity)).toEqual([2, 1]);

    await paygate("POST", "/payments", {
      order_id: order.paygate_order_id,
      method: "card",
      card: { number: "4111111111111111", expiry: "12/34", cvv: "123" },
    });
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await paygate("GET", `/invoices/${order.paygate_invoice_id}`)).status === "paid") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await paygate("GET", `/invoices/${order.paygate_invoice_id}`)).status).toBe("paid");
  });

  it("the shopper downloads the invoice PDF through the shop; nobody else can", async () => {
    const order = await (await alice.post("/api/orders", { items: [{ id: "filter-coffee", quantity: 1 }] })).json();
    const pdf = await alice.get(`/api/orders/${order.id}/invoice.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain("attachment");
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");

    expect((await bob.get(`/api/orders/${order.id}/invoice.pdf`)).status).toBe(404);
    expect((await fetch(`${shop.url}/api/orders/${order.id}/invoice.pdf`)).status).toBe(401);
  });
});
