import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../src/db/schema/index.js";
import { sendWebhook } from "../src/services/webhooks/send.js";
import { eventually, keyAuth, startTestApi, type TestApi } from "./helpers.js";
import {
  deliveryDetail,
  failedPayment,
  getJson,
  onlyDelivery,
  type Receiver,
  setWebhookUrl,
  startReceiver,
  verifyHit,
} from "./webhooks-receiver.js";

/**
 * Receivers that fail. Each test has its own merchant and receiver path and makes one event
 * (a declined payment: `payment.failed` only). They run concurrently because two of them wait on
 * real time: five attempts at the test schedule (5 + 10 + 15 + 20 s) and a 5 s timeout.
 */
let api: TestApi;
let receiver: Receiver;

beforeAll(async () => {
  [api, receiver] = await Promise.all([startTestApi({ WEBHOOK_RETRY_INTERVALS_TEST: "true" }), startReceiver()]);
});
afterAll(async () => {
  await api?.close();
  await receiver?.close();
});

const TEST_SCHEDULE_MS = [5000, 10_000, 15_000, 20_000];

describe.concurrent("webhook delivery failures", () => {
  it("does not store or return a private target's response body (issue 11 finding 5)", async () => {
    const merchant = await api.registerMerchant();
    receiver.on("/private-body", () => ({ status: 500, body: "internal-service-secret-page" }));
    await setWebhookUrl(api, merchant, receiver.url("/private-body"));
    await failedPayment(api, merchant);
    await receiver.next("/private-body");
    const delivery = await onlyDelivery(api, merchant, (item) => Number(item.attempts) >= 1);
    const detail = await deliveryDetail(api, merchant, delivery.id);
    expect(detail.attempt_log[0]).toMatchObject({ response_code: 500, response_body: null });
    const stored = await api.runtime.database.db.execute(
      sql`select response_body from webhook_attempts where response_body is not null`,
    );
    expect(JSON.stringify(stored)).not.toContain("internal-service-secret-page");
    // sendWebhook still reads (at most 4 KB of) the body and says where it came from.
    const sent = await sendWebhook({ url: receiver.url("/private-body"), headers: {}, body: "{}", allowPrivate: true });
    expect(sent.body).toBe("internal-service-secret-page");
    expect(sent.remoteAddress).toMatch(/127\.0\.0\.1|::1/);
  });

  it("retries a 500 and delivers on the 2nd attempt with the same webhook-id", async () => {
    const merchant = await api.registerMerchant();
    receiver.on("/500-then-200", (hit) => (hit.nth === 1 ? { status: 500, body: "oops" } : { status: 200 }));
    await setWebhookUrl(api, merchant, receiver.url("/500-then-200"));
    await failedPayment(api, merchant);
    const first = await receiver.next("/500-then-200");
    const second = await receiver.next("/500-then-200", 10_000);
    expect(second.webhookId).toBe(first.webhookId);
    expect(second.body).toBe(first.body);
    verifyHit(first, merchant.webhook_secret);
    verifyHit(second, merchant.webhook_secret);
    expect(second.at - first.at).toBeGreaterThan(4500);
    const delivery = await onlyDelivery(api, merchant, (item) => item.status === "success");
    expect(delivery).toMatchObject({ attempts: 2, response_code: 200, next_retry_at: null });
    const detail = await deliveryDetail(api, merchant, delivery.id);
    expect(detail.attempt_log.map((attempt) => [attempt.attempt, attempt.response_code])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(detail.attempt_log[0]?.response_body).toBeNull(); // a private (loopback) target's body is not kept
  });

  it("fails after 5 attempts on the retry schedule; a manual retry then delivers", async () => {
    const merchant = await api.registerMerchant();
    let healthy = false;
    receiver.on("/always-500", () => (healthy ? { status: 200 } : { status: 500 }));
    await setWebhookUrl(api, merchant, receiver.url("/always-500"));
    await failedPayment(api, merchant);
    const delivery = await onlyDelivery(api, merchant, (item) => item.status === "failed", 80_000);
    expect(delivery).toMatchObject({ attempts: 5, response_code: 500, next_retry_at: null });
    const hits = receiver.hits("/always-500");
    expect(hits).toHaveLength(5);
    expect(new Set(hits.map((hit) => hit.webhookId))).toEqual(new Set([delivery.event_id]));
    TEST_SCHEDULE_MS.forEach((base, index) => {
      const gap = (hits[index + 1]?.at ?? 0) - (hits[index]?.at ?? 0);
      expect(gap, `gap before attempt ${index + 2}`).toBeGreaterThanOrEqual(base * 0.95 - 50);
      expect(gap, `gap before attempt ${index + 2}`).toBeLessThan(base * 1.05 + 3000);
    });
    const detail = await deliveryDetail(api, merchant, delivery.id);
    expect(detail.attempt_log.map((attempt) => attempt.attempt)).toEqual([1, 2, 3, 4, 5]);

    healthy = true;
    const retried = await api.request(`/api/v1/webhooks/${delivery.id}/retry`, { method: "POST", auth: keyAuth(merchant) });
    expect(retried.status).toBe(200);
    expect((await retried.json()).data).toMatchObject({ id: delivery.id, status: "pending", attempts: 0 });
    const redelivered = await receiver.next("/always-500", 5000);
    expect(redelivered.webhookId).toBe(delivery.event_id);
    verifyHit(redelivered, merchant.webhook_secret);
    expect(await onlyDelivery(api, merchant, (item) => item.status === "success")).toMatchObject({
      attempts: 1,
      response_code: 200,
    });
  }, 120_000);

  it("disables the webhook URL on 410; a retry after the merchant sets a URL again delivers there", async () => {
    const merchant = await api.registerMerchant();
    receiver.on("/gone", () => ({ status: 410, body: "gone" }));
    await setWebhookUrl(api, merchant, receiver.url("/gone"));
    await failedPayment(api, merchant);
    const delivery = await onlyDelivery(api, merchant, (item) => item.status === "failed");
    expect(delivery).toMatchObject({ attempts: 1, response_code: 410, next_retry_at: null });
    expect((await getJson(api, merchant, "/api/v1/merchant")).body.data.webhook_url).toBeNull();
    // With the URL disabled, a new event is recorded but not delivered.
    const { paymentId } = await failedPayment(api, merchant);
    await eventually(async () =>
      (await getJson(api, merchant, `/api/v1/payments/${paymentId}`)).body.data.status === "failed" ? true : undefined,
    );
    const recorded = await api.runtime.database.db.select().from(events).where(eq(events.merchantId, merchant.merchant_id));
    expect(recorded.map((event) => event.type)).toEqual(["payment.failed", "payment.failed"]);
    expect((await getJson(api, merchant, "/api/v1/webhooks")).body.data.items).toHaveLength(1);
    expect(receiver.hits("/gone")).toHaveLength(1);

    await setWebhookUrl(api, merchant, receiver.url("/back"));
    expect((await api.request(`/api/v1/webhooks/${delivery.id}/retry`, { method: "POST", auth: keyAuth(merchant) })).status).toBe(
      200,
    );
    const hit = await receiver.next("/back");
    expect(hit.webhookId).toBe(delivery.event_id);
    expect(await onlyDelivery(api, merchant, (item) => item.status === "success")).toMatchObject({ url: receiver.url("/back") });
  });

  it("does not follow a redirect: the attempt fails and is retried", async () => {
    const merchant = await api.registerMerchant();
    receiver.on("/redirect", () => ({ status: 302, headers: { Location: receiver.url("/redirect-target") } }));
    await setWebhookUrl(api, merchant, receiver.url("/redirect"));
    await failedPayment(api, merchant);
    // Retried every 5 s: by the time it is read there may be more than one attempt.
    const delivery = await onlyDelivery(api, merchant, (item) => Number(item.attempts) >= 1);
    expect(delivery).toMatchObject({ status: "pending", response_code: 302 });
    // The next try is scheduled the test interval after this attempt (5 s, 10 s, …; ±5 % jitter).
    const wait = Date.parse(String(delivery.next_retry_at)) - Date.parse(String(delivery.last_attempt_at));
    const interval = [5000, 10_000, 15_000, 20_000][Number(delivery.attempts) - 1] ?? Number.NaN;
    expect(wait).toBeGreaterThanOrEqual(interval * 0.95 - 1);
    expect(wait).toBeLessThanOrEqual(interval * 1.05 + 1);
    const detail = await deliveryDetail(api, merchant, delivery.id);
    expect(detail.attempt_log[0]?.error).toMatch(/redirect not followed/);
    expect(receiver.hits("/redirect-target")).toHaveLength(0);
  });

  it("counts a receiver that hangs for 10 s as a timeout after 5 s", async () => {
    const merchant = await api.registerMerchant();
    receiver.on("/hang", () => ({ status: 200, delayMs: 10_000 }));
    await setWebhookUrl(api, merchant, receiver.url("/hang"));
    await failedPayment(api, merchant);
    const delivery = await onlyDelivery(api, merchant, (item) => Number(item.attempts) >= 1, 15_000);
    expect(delivery).toMatchObject({ status: "pending", response_code: null });
    const [attempt] = (await deliveryDetail(api, merchant, delivery.id)).attempt_log;
    expect(attempt?.error).toMatch(/timeout/);
    expect(attempt?.duration_ms).toBeGreaterThanOrEqual(4900);
    expect(attempt?.duration_ms).toBeLessThan(6500);
  }, 30_000);
});
