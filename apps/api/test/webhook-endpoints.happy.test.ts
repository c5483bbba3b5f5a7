import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEndpoints } from "../src/db/schema/index.js";
import { eventually, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { call, createEndpoint, verifyEvent } from "./webhook-endpoints-helpers.js";
import { failedPayment, pay, type Receiver, setWebhookUrl, startReceiver, verifyHit } from "./webhooks-receiver.js";

let api: TestApi;
let receiver: Receiver;

beforeAll(async () => {
  [api, receiver] = await Promise.all([startTestApi({ WEBHOOK_RETRY_INTERVALS_TEST: "true" }), startReceiver()]);
});
afterAll(async () => {
  await api?.close();
  await receiver?.close();
});

/** Every delivery of the merchant once `count` of them have ended (not pending). */
async function settledDeliveries(merchant: MerchantCredentials, count: number, query = "") {
  return eventually(async () => {
    const { body } = await call(api, merchant, "GET", `/webhooks?limit=100${query}`);
    const items = body.data.items as { status: string; endpoint_id: string | null; event: string; url: string }[];
    return items.length === count && items.every((item) => item.status !== "pending") ? items : undefined;
  }, 30_000);
}

const types = (items: { event: string }[]) => items.map((item) => item.event).sort();

describe.concurrent("webhook endpoints", () => {
  it("sends each endpoint exactly the events it asked for, signed with its own secret", async () => {
    const merchant = await api.registerMerchant();
    await setWebhookUrl(api, merchant, receiver.url("/fan/default"));
    const orders = await createEndpoint(api, merchant, {
      url: receiver.url("/fan/orders"),
      events: ["order.paid"],
      description: "fulfilment",
    });
    const payments = await createEndpoint(api, merchant, {
      url: receiver.url("/fan/payments"),
      events: ["payment.captured", "payment.failed"],
    });
    const everything = await createEndpoint(api, merchant, { url: receiver.url("/fan/all") });
    expect(everything.events).toEqual(["*"]);
    for (const endpoint of [orders, payments, everything]) {
      expect(endpoint.id).toMatch(/^we_/);
      expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
      expect(endpoint.status).toBe("enabled");
    }
    expect(new Set([orders.secret, payments.secret, everything.secret, merchant.webhook_secret]).size).toBe(4);

    const paid = await pay(api, merchant);
    const declined = await failedPayment(api, merchant);
    // 3 events of the paid order + 1 decline: default 4, all 4, orders 1, payments 2.
    const deliveries = await settledDeliveries(merchant, 11);
    expect(deliveries.every((item) => item.status === "success")).toBe(true);

    const ordersHits = receiver.hits("/fan/orders");
    expect(ordersHits.map((hit) => verifyHit(hit, orders.secret).type)).toEqual(["order.paid"]);
    const paymentsEvents = receiver.hits("/fan/payments").map((hit) => verifyHit(hit, payments.secret));
    expect(paymentsEvents.map((event) => event.type).sort()).toEqual(["payment.captured", "payment.failed"]);
    const allEvents = receiver.hits("/fan/all").map((hit) => verifyHit(hit, everything.secret));
    expect(allEvents.map((event) => event.type).sort()).toEqual([
      "order.paid",
      "payment.authorized",
      "payment.captured",
      "payment.failed",
    ]);
    const defaultEvents = receiver.hits("/fan/default").map((hit) => verifyHit(hit, merchant.webhook_secret));
    expect(defaultEvents).toHaveLength(4);
    // One event, one id everywhere: the order.paid the orders endpoint got is the default's.
    const orderPaid = defaultEvents.find((event) => event.type === "order.paid");
    expect(ordersHits[0]?.webhookId).toBe(orderPaid?.id);
    expect(orderPaid?.data.order?.id).toBe(paid.orderId);
    // Each endpoint's secret is its own: no other secret verifies its deliveries.
    for (const secret of [merchant.webhook_secret, payments.secret, everything.secret]) {
      expect(() => verifyEvent(ordersHits[0] as never, secret)).toThrow();
    }

    // Deliveries name their endpoint (null for the default URL) and filter by it.
    const byEndpoint = (id: string | null) => deliveries.filter((item) => item.endpoint_id === id);
    expect(types(byEndpoint(null))).toEqual(allEvents.map((event) => event.type).sort());
    expect(byEndpoint(null).every((item) => item.url === receiver.url("/fan/default"))).toBe(true);
    expect(types(byEndpoint(orders.id))).toEqual(["order.paid"]);
    expect(types(await settledDeliveries(merchant, 1, `&endpoint_id=${orders.id}`))).toEqual(["order.paid"]);
    expect(types(await settledDeliveries(merchant, 2, `&endpoint_id=${payments.id}`))).toEqual([
      "payment.captured",
      "payment.failed",
    ]);
    expect(await settledDeliveries(merchant, 3, "&event_type=order.paid")).toHaveLength(3);
    expect(types(await settledDeliveries(merchant, 3, `&payment_id=${declined.paymentId}`))).toEqual([
      "payment.failed",
      "payment.failed",
      "payment.failed",
    ]);
    const ofOrder = await settledDeliveries(merchant, 8, `&order_id=${paid.orderId}`);
    expect(new Set(ofOrder.map((item) => item.event))).toEqual(new Set(["order.paid", "payment.authorized", "payment.captured"]));
    // Filters combine.
    expect(types(await settledDeliveries(merchant, 3, `&payment_id=${paid.paymentId}&endpoint_id=${everything.id}`))).toEqual([
      "order.paid",
      "payment.authorized",
      "payment.captured",
    ]);
    expect(await settledDeliveries(merchant, 0, `&payment_id=${paid.paymentId}&event_type=payment.failed`)).toEqual([]);
  });

  it("sends a signed ping on request, logged like any delivery", async () => {
    const merchant = await api.registerMerchant();
    await setWebhookUrl(api, merchant, receiver.url("/ping/default"));
    const endpoint = await createEndpoint(api, merchant, { url: receiver.url("/ping"), events: ["refund.processed"] });
    const sent = await call(api, merchant, "POST", `/webhook_endpoints/${endpoint.id}/test`);
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ endpoint_id: endpoint.id, event: "ping", url: receiver.url("/ping") });
    const ping = verifyEvent(await receiver.next("/ping"), endpoint.secret);
    expect(ping).toMatchObject({ id: sent.body.data.event_id, type: "ping" });
    expect(ping.data).toEqual({ webhook_endpoint: { id: endpoint.id, url: receiver.url("/ping") } });
    const [logged] = await settledDeliveries(merchant, 1, "&event_type=ping");
    expect(logged).toMatchObject({ id: sent.body.data.id, status: "success", endpoint_id: endpoint.id });
    // To that endpoint alone, whatever its filter, and never to the default URL.
    expect(receiver.hits("/ping/default")).toEqual([]);
  });

  it("lists, reads, updates, rotates and deletes endpoints; secrets are stored sealed", async () => {
    const merchant = await api.registerMerchant();
    const first = await createEndpoint(api, merchant, { url: receiver.url("/crud/1"), events: ["payment.failed"] });
    const second = await createEndpoint(api, merchant, { url: receiver.url("/crud/2"), description: "  ops  " });
    expect(second.description).toBe("ops");

    const list = await call(api, merchant, "GET", "/webhook_endpoints");
    expect(list.body.data).toMatchObject({ has_more: false, limit: 10, offset: 0 });
    expect(list.body.data.items.map((item: { id: string }) => item.id)).toEqual([second.id, first.id]);
    expect(JSON.stringify(list.body)).not.toContain("whsec_");
    const read = await call(api, merchant, "GET", `/webhook_endpoints/${first.id}`);
    expect(read.body.data).toMatchObject({ id: first.id, events: ["payment.failed"], status: "enabled", description: null });
    expect(read.body.data.secret).toBeUndefined();

    const patched = await call(api, merchant, "PATCH", `/webhook_endpoints/${first.id}`, {
      url: receiver.url("/crud/1b"),
      events: ["payment.failed", "order.paid", "order.paid"],
      description: "moved",
      status: "disabled",
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      url: receiver.url("/crud/1b"),
      events: ["payment.failed", "order.paid"],
      description: "moved",
      status: "disabled",
    });
    // Disabled: new events skip it (the default URL is unset, `second` takes everything).
    await failedPayment(api, merchant);
    const [only] = await settledDeliveries(merchant, 1);
    expect(only).toMatchObject({ endpoint_id: second.id, event: "payment.failed" });
    await call(api, merchant, "PATCH", `/webhook_endpoints/${first.id}`, { status: "enabled" });
    await failedPayment(api, merchant);
    const afterEnable = await settledDeliveries(merchant, 3);
    expect(afterEnable.filter((item) => item.endpoint_id === first.id)).toHaveLength(1);
    expect(receiver.hits("/crud/1b").map((hit) => verifyHit(hit, first.secret).type)).toEqual(["payment.failed"]);

    // Rotation: the new secret is shown once; both sign during the 24 h overlap.
    const rotated = await call(api, merchant, "POST", `/webhook_endpoints/${first.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.data.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(first.secret);
    expect(Math.abs(Date.parse(rotated.body.data.previous_secret_valid_until) - Date.now() - 86_400_000)).toBeLessThan(60_000);
    await call(api, merchant, "POST", `/webhook_endpoints/${first.id}/test`);
    const during = await eventually(async () => receiver.hits("/crud/1b")[1]);
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    verifyEvent(during, newSecret);
    verifyEvent(during, first.secret);

    const stored = await api.runtime.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, first.id));
    expect(JSON.stringify(stored)).not.toContain(newSecret.slice(6));
    expect(JSON.stringify(stored)).not.toContain(first.secret.slice(6));

    const deleted = await call(api, merchant, "DELETE", `/webhook_endpoints/${first.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toMatchObject({ id: first.id, status: "disabled" });
    expect((await call(api, merchant, "GET", `/webhook_endpoints/${first.id}`)).status).toBe(404);
    expect((await call(api, merchant, "DELETE", `/webhook_endpoints/${first.id}`)).status).toBe(404);
    const remaining = await call(api, merchant, "GET", "/webhook_endpoints");
    expect(remaining.body.data.items.map((item: { id: string }) => item.id)).toEqual([second.id]);
    // Its past deliveries keep their endpoint id.
    expect(await settledDeliveries(merchant, 2, `&endpoint_id=${first.id}`)).toHaveLength(2);
  });

  it("a 410 disables that endpoint only", async () => {
    const merchant = await api.registerMerchant();
    receiver.on("/gone", () => ({ status: 410, body: "gone" }));
    await setWebhookUrl(api, merchant, receiver.url("/gone/default-stays"));
    const gone = await createEndpoint(api, merchant, { url: receiver.url("/gone") });
    const kept = await createEndpoint(api, merchant, { url: receiver.url("/gone/kept") });
    await failedPayment(api, merchant);
    const first = await settledDeliveries(merchant, 3);
    expect(first.find((item) => item.endpoint_id === gone.id)).toMatchObject({ status: "failed" });
    expect((await call(api, merchant, "GET", `/webhook_endpoints/${gone.id}`)).body.data.status).toBe("disabled");
    expect((await call(api, merchant, "GET", `/webhook_endpoints/${kept.id}`)).body.data.status).toBe("enabled");
    expect((await call(api, merchant, "GET", "/merchant")).body.data.webhook_url).toBe(receiver.url("/gone/default-stays"));

    await failedPayment(api, merchant);
    const second = await settledDeliveries(merchant, 5);
    expect(second.filter((item) => item.endpoint_id === gone.id)).toHaveLength(1);
    expect(receiver.hits("/gone")).toHaveLength(1);
    expect(receiver.hits("/gone/kept")).toHaveLength(2);
    expect(receiver.hits("/gone/default-stays")).toHaveLength(2);
  });
});
