import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, merchants, webhookDeliveries } from "../src/db/schema/index.js";
import { capturePayment } from "../src/services/payments/payments.js";
import { eventually, keyAuth, startTestApi, type TestApi } from "./helpers.js";
import {
  deliveryDetail,
  failedPayment,
  getJson,
  pay,
  type Receiver,
  setWebhookUrl,
  startReceiver,
  verifyHit,
} from "./webhooks-receiver.js";

let api: TestApi;
let receiver: Receiver;

beforeAll(async () => {
  [api, receiver] = await Promise.all([startTestApi({ WEBHOOK_RETRY_INTERVALS_TEST: "true" }), startReceiver()]);
});
afterAll(async () => {
  await api?.close();
  await receiver?.close();
});

async function paymentStatus(merchant: Awaited<ReturnType<TestApi["registerMerchant"]>>, paymentId: string, status: string) {
  return eventually(async () => {
    const { body } = await getJson(api, merchant, `/api/v1/payments/${paymentId}`);
    return body.data.status === status ? body.data : undefined;
  });
}

describe.concurrent("webhook delivery, happy path", () => {
  it("delivers payment.authorized, payment.captured, order.paid and refund.processed, each verifiable", async () => {
    const merchant = await api.registerMerchant();
    await setWebhookUrl(api, merchant, receiver.url("/capture"));
    const { orderId, paymentId } = await pay(api, merchant);

    const hits = [await receiver.next("/capture"), await receiver.next("/capture"), await receiver.next("/capture")];
    const received = hits.map((hit) => verifyHit(hit, merchant.webhook_secret));
    const byType = new Map(received.map((event) => [event.type, event]));
    expect([...byType.keys()].sort()).toEqual(["order.paid", "payment.authorized", "payment.captured"]);
    expect(new Set(received.map((event) => event.id)).size).toBe(3);
    for (const event of received) expect(event.data.payment.id).toBe(paymentId);
    expect(byType.get("payment.authorized")?.data.payment.status).toBe("authorized");
    expect(byType.get("payment.captured")?.data.payment.status).toBe("captured");
    expect(byType.get("order.paid")?.data.order).toMatchObject({ id: orderId, status: "paid" });
    for (const hit of hits) expect(Math.abs(Number(hit.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(30);

    const refund = await api.request(`/api/v1/payments/${paymentId}/refunds`, {
      method: "POST",
      auth: keyAuth(merchant),
      json: { amount: 20_000 },
    });
    expect(refund.status).toBe(201);
    const refundId = (await refund.json()).data.id;
    const refunded = verifyHit(await receiver.next("/capture"), merchant.webhook_secret);
    expect(refunded.type).toBe("refund.processed");
    expect(refunded.data.refund).toMatchObject({ id: refundId, status: "processed", amount: 20_000 });
    expect(refunded.data.payment.amount_refunded).toBe(20_000);

    const deliveries = await eventually(async () => {
      const { body } = await getJson(api, merchant, "/api/v1/webhooks?status=success&limit=100");
      return body.data.items.length === 4 ? body.data.items : undefined;
    });
    for (const delivery of deliveries)
      expect(delivery).toMatchObject({ attempts: 1, response_code: 200, url: receiver.url("/capture") });
    expect(receiver.hits("/capture")).toHaveLength(4);
  });

  it("records events, in the transaction of the change, even for a merchant without a webhook URL", async () => {
    const merchant = await api.registerMerchant();
    const { paymentId } = await pay(api, merchant);
    await paymentStatus(merchant, paymentId, "captured");
    const db = api.runtime.database.db;
    const recorded = await db.select({ type: events.type }).from(events).where(eq(events.merchantId, merchant.merchant_id));
    expect(recorded.map((event) => event.type).sort()).toEqual(["order.paid", "payment.authorized", "payment.captured"]);
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.merchantId, merchant.merchant_id))).toEqual([]);
    expect((await getJson(api, merchant, "/api/v1/webhooks")).body.data.items).toEqual([]);

    // A capture whose transaction rolls back leaves no event, delivery or job behind.
    await setWebhookUrl(api, merchant, receiver.url("/rolled-back"));
    const manual = await pay(api, merchant, { capture: "manual" });
    await paymentStatus(merchant, manual.paymentId, "authorized");
    const before = await db.select({ id: events.id }).from(events).where(eq(events.merchantId, merchant.merchant_id));
    const deliveriesOf = () => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.merchantId, merchant.merchant_id));
    expect(await deliveriesOf()).toHaveLength(1); // payment.authorized
    await expect(
      db.transaction(async (tx) => {
        const captured = await capturePayment({
          ctx: { ...api.runtime.ctx, db: tx },
          merchantId: merchant.merchant_id,
          paymentId: manual.paymentId,
        });
        expect(captured.status).toBe("captured");
        const inside = await tx.select({ id: events.id }).from(events).where(eq(events.merchantId, merchant.merchant_id));
        expect(inside.length).toBe(before.length + 2); // payment.captured and order.paid, visible inside
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const after = await db.select({ id: events.id }).from(events).where(eq(events.merchantId, merchant.merchant_id));
    expect(after.length).toBe(before.length);
    expect(await deliveriesOf()).toHaveLength(1);
    expect((await getJson(api, merchant, `/api/v1/payments/${manual.paymentId}`)).body.data.status).toBe("authorized");
    expect(verifyHit(await receiver.next("/rolled-back"), merchant.webhook_secret).type).toBe("payment.authorized");
    expect(receiver.hits("/rolled-back")).toHaveLength(1);
  });

  it("lists deliveries by status, newest first, paginated; shows payload and attempt log", async () => {
    const merchant = await api.registerMerchant();
    const bigBody = "x".repeat(10_000);
    // payment.authorized fails (retried in 5 s), the rest succeed with a body over 4 KB.
    receiver.on("/list", (hit) =>
      JSON.parse(hit.body).type === "payment.authorized" ? { status: 503, body: "busy" } : { status: 200, body: bigBody },
    );
    await setWebhookUrl(api, merchant, receiver.url("/list"));
    await pay(api, merchant);
    await eventually(async () => (receiver.hits("/list").length >= 3 ? true : undefined));

    const list = async (query: string) => (await getJson(api, merchant, `/api/v1/webhooks${query}`)).body.data;
    const success = await eventually(async () => {
      const data = await list("?status=success");
      return data.items.length === 2 ? data.items : undefined;
    });
    expect(success.map((item: { event: string }) => item.event).sort()).toEqual(["order.paid", "payment.captured"]);
    const pending = (await list("?status=pending")).items;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ event: "payment.authorized", response_code: 503 });
    expect(Date.parse(pending[0].next_retry_at) - Date.parse(pending[0].last_attempt_at)).toBeGreaterThanOrEqual(4500);
    expect((await list("?status=failed")).items).toEqual([]);

    const first = await list("?limit=2");
    expect(first).toMatchObject({ has_more: true, limit: 2, offset: 0 });
    const second = await list("?limit=2&offset=2");
    expect(second).toMatchObject({ has_more: false, offset: 2 });
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((item) => item.id)).size).toBe(3);
    const created = all.map((item) => Date.parse(item.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect((await api.request("/api/v1/webhooks?status=bogus", { auth: keyAuth(merchant) })).status).toBe(400);

    const detail = await deliveryDetail(api, merchant, success[0].id);
    const hit = receiver.hits("/list").find((candidate) => candidate.webhookId === detail.event_id);
    expect(detail.payload).toEqual(JSON.parse(hit?.body ?? "null"));
    expect(detail.attempt_log).toHaveLength(1);
    expect(detail.attempt_log[0]).toMatchObject({ attempt: 1, response_code: 200, error: null });
    // The receiver is on loopback, a private target: its answer is never stored or shown
    // (issue 11 finding 5); the 4 KB cap is tested on sendWebhook itself.
    expect(detail.attempt_log[0]?.response_body).toBeNull();
    expect(detail.attempt_log[0]?.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it("signs with both secrets during a rotation's overlap, and with the new one alone after it", async () => {
    const merchant = await api.registerMerchant();
    const oldSecret = merchant.webhook_secret;
    expect(oldSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    expect(Buffer.from(oldSecret.slice(6), "base64").length).toBeGreaterThanOrEqual(24);
    await setWebhookUrl(api, merchant, receiver.url("/rotate"));
    await failedPayment(api, merchant);
    const before = await receiver.next("/rotate");
    expect(String(before.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verifyHit(before, oldSecret).type).toBe("payment.failed");

    const rotated = await api.request("/api/v1/merchant/webhook-secret/rotate", { method: "POST", auth: keyAuth(merchant) });
    expect(rotated.status).toBe(200);
    const { webhook_secret: newSecret, previous_secret_valid_until: validUntil } = (await rotated.json()).data;
    expect(newSecret).not.toBe(oldSecret);
    expect(Math.abs(Date.parse(validUntil) - Date.now() - 24 * 3600_000)).toBeLessThan(60_000);

    await failedPayment(api, merchant);
    const during = await receiver.next("/rotate");
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    verifyHit(during, newSecret); // X-Webhook-Signature: the current secret
    verifyHit(during, oldSecret, newSecret);
    const stranger = `whsec_${randomBytes(24).toString("base64")}`;
    expect(() => verifyHit(during, stranger, newSecret)).toThrow();

    await api.runtime.database.db
      .update(merchants)
      .set({ previousWebhookSecretExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(merchants.id, merchant.merchant_id));
    await failedPayment(api, merchant);
    const after = await receiver.next("/rotate");
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    verifyHit(after, newSecret);
    expect(() => verifyHit(after, oldSecret, newSecret)).toThrow();
  });

  it("refuses file: and gopher: URLs even where private URLs are allowed", async () => {
    const merchant = await api.registerMerchant();
    for (const url of ["file:///etc/passwd", "gopher://127.0.0.1:70/_x", "ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/x"]) {
      const response = await api.request("/api/v1/merchant", {
        method: "PATCH",
        auth: keyAuth(merchant),
        json: { webhook_url: url },
      });
      expect(response.status, url).toBe(400);
    }
    const stored = await api.runtime.database.db
      .select({ url: merchants.webhookUrl })
      .from(merchants)
      .where(and(eq(merchants.id, merchant.merchant_id)));
    expect(stored).toEqual([{ url: null }]);
  });
});
