import { freePort } from "@paygate/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { eventually, type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";
import { ADMIN, loggedInAdmin, registeredShopper, type ShopClient } from "./support/shopper.js";
import { capturedPayment, newEventId, signedWebhook } from "./support/signed-webhook.js";

/**
 * Fulfilment on a real PayGate: orders paid through the API (UPI success in TEST_MODE), the shop
 * told by real signed webhooks, cancellations refunded through PayGate.
 */
let api: RunningApi;
let shop: RunningMerchant;
let shopper: ShopClient;
let admin: ShopClient;

interface Order {
  id: string;
  paygate_order_id: string;
  status: string;
  note: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  history: { from: string; to: string; by?: string; at: string }[];
}

const adminOrder = async (id: string) =>
  ((await (await admin.get("/api/admin/orders")).json()).items as Order[]).find((order) => order.id === id);

/** An order the shopper placed and PayGate captured, marked paid by the verified webhook. */
async function paidOrder(): Promise<Order> {
  const order = (await (await shopper.post("/api/orders", { items: [{ id: "masala-chai", quantity: 1 }] })).json()) as Order;
  const payment = await fetch(`${api.url}/api/v1/payments`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET },
    body: JSON.stringify({ order_id: order.paygate_order_id, method: "upi", vpa: "success@paygate" }),
  });
  expect(payment.status).toBeLessThan(300);
  await eventually(async () => ((await adminOrder(order.id))?.status === "paid" ? true : undefined), 20_000);
  return order;
}

const act = (order: Order, action: string, body: unknown = {}) => admin.post(`/api/admin/orders/${order.id}/${action}`, body);
const shipment = { tracking_number: "IN123456789", tracking_url: "https://track.example/IN123456789" };

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
});

afterAll(async () => {
  await shop?.close();
  await api?.close();
});

describe("fulfilment", () => {
  it("goes paid → confirmed → shipped (tracking) → delivered, each step logged with who and when", async () => {
    const order = await paidOrder();
    expect((await act(order, "ship", shipment)).status).toBe(409); // not confirmed yet
    expect((await act(order, "deliver")).status).toBe(409);
    expect((await act(order, "confirm")).status).toBe(200);
    const shipped = await act(order, "ship", shipment);
    expect(shipped.status).toBe(200);
    expect(await shipped.json()).toMatchObject({ status: "shipped", ...shipment });
    expect((await act(order, "confirm")).status).toBe(409); // never backwards
    expect((await act(order, "deliver")).status).toBe(200);
    expect((await act(order, "deliver")).status).toBe(409);

    const logged = await adminOrder(order.id);
    expect(logged?.history.map((step) => [step.from, step.to, step.by])).toEqual([
      ["awaiting_payment", "paid", "PayGate"],
      ["paid", "confirmed", ADMIN.email],
      ["confirmed", "shipped", ADMIN.email],
      ["shipped", "delivered", ADMIN.email],
    ]);
    expect(logged?.history.every((step) => Date.parse(step.at) > Date.now() - 60_000)).toBe(true);
    // The shopper sees the tracking and the steps, but not which staff member took them.
    const mine = (await (await shopper.get(`/api/orders/${order.id}`)).json()) as Order;
    expect(mine).toMatchObject({ status: "delivered", ...shipment });
    expect(mine.history.map((step) => step.to)).toEqual(["paid", "confirmed", "shipped", "delivered"]);
    expect(JSON.stringify(mine.history)).not.toContain(ADMIN.email);
  });

  it("lets only one of two simultaneous confirms win", async () => {
    const order = await paidOrder();
    const answers = await Promise.all([act(order, "confirm"), act(order, "confirm"), act(order, "confirm")]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await adminOrder(order.id))?.history.filter((step) => step.to === "confirmed")).toHaveLength(1);
  });

  it("refuses tracking it cannot show safely, changing nothing", async () => {
    const order = await paidOrder();
    await act(order, "confirm");
    for (const bad of [
      { ...shipment, tracking_url: "javascript:alert(1)" },
      { ...shipment, tracking_url: "http://track.example/1" },
      { ...shipment, tracking_number: "<script>" },
      { tracking_number: "IN1" },
    ]) {
      expect((await act(order, "ship", bad)).status).toBe(400);
    }
    expect(await adminOrder(order.id)).toMatchObject({ status: "confirmed", tracking_number: null, tracking_url: null });
  });

  it("cancels before shipping by refunding through PayGate; cancelled once refund.processed arrives", async () => {
    const order = await paidOrder();
    await act(order, "confirm");
    const cancel = await act(order, "cancel");
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ status: "cancel_pending" });
    expect((await act(order, "ship", shipment)).status).toBe(409); // taken while the refund runs
    await eventually(async () => ((await adminOrder(order.id))?.status === "cancelled" ? true : undefined), 20_000);
    const payments = await fetch(`${api.url}/api/v1/payments?order_id=${order.paygate_order_id}`, {
      headers: { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET },
    });
    expect((await payments.json()).data.items[0]).toMatchObject({ status: "refunded" });
    expect((await adminOrder(order.id))?.history.map((step) => step.to)).toEqual([
      "paid",
      "confirmed",
      "cancel_pending",
      "cancelled",
    ]);
  });

  it("does not cancel a shipped order", async () => {
    const order = await paidOrder();
    await act(order, "confirm");
    await act(order, "ship", shipment);
    const cancel = await act(order, "cancel");
    expect(cancel.status).toBe(409);
    expect((await adminOrder(order.id))?.status).toBe("shipped");
  });

  it("returns the order to where it was when PayGate refuses the cancellation's refund", async () => {
    // Paid by a (correctly signed) webhook for a payment PayGate does not know: its refund fails.
    const order = (await (await shopper.post("/api/orders", { items: [{ id: "masala-chai", quantity: 1 }] })).json()) as Order;
    const event = {
      id: newEventId(),
      type: "order.paid" as const,
      created_at: new Date().toISOString(),
      data: { payment: capturedPayment(order.paygate_order_id, 34900) },
    };
    expect((await fetch(`${shop.url}/webhooks/paygate`, signedWebhook(event, api.webhookSecret))).status).toBe(200);
    await act(order, "confirm");
    const cancel = await act(order, "cancel");
    expect(cancel.status).toBe(502);
    expect(await adminOrder(order.id)).toMatchObject({ status: "confirmed", note: expect.stringMatching(/did not go through/) });
  });

  it("keeps every fulfilment action from shoppers (403) and anonymous callers (401)", async () => {
    const order = await paidOrder();
    for (const action of ["confirm", "ship", "deliver", "cancel", "refund"]) {
      expect((await shopper.post(`/api/admin/orders/${order.id}/${action}`, shipment)).status).toBe(403);
      expect(
        (await fetch(`${shop.url}/api/admin/orders/${order.id}/${action}`, { method: "POST", headers: { Origin: shop.url } }))
          .status,
      ).toBe(401);
    }
    expect((await adminOrder(order.id))?.status).toBe("paid");
  });
});
