import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEndpoints } from "../src/db/schema/index.js";
import { createEndpoint as createEndpointService } from "../src/services/webhooks/endpoints.js";
import { eventually, expectError, keyAuth, startTestApi, type TestApi } from "./helpers.js";
import { call } from "./webhook-endpoints-helpers.js";
import { deliveryDetail, type Receiver, startReceiver } from "./webhooks-receiver.js";

/** Merchant isolation, the SSRF guard (private URLs NOT allowed) and the webhook-secret reveal. */
let api: TestApi;
let receiver: Receiver;

beforeAll(async () => {
  [api, receiver] = await Promise.all([
    startTestApi({ ALLOW_PRIVATE_WEBHOOK_URLS: "false", WEBHOOK_RETRY_INTERVALS_TEST: "true" }),
    startReceiver(),
  ]);
});
afterAll(async () => {
  await api?.close();
  await receiver?.close();
});

type Merchant = Awaited<ReturnType<TestApi["registerMerchant"]>>;

/**
 * An endpoint on a public host name. This sandbox has no DNS, so the save-time lookup is skipped
 * (as with private URLs allowed); the verb is the route's own.
 */
function createEndpoint(merchant: Merchant, input: { url: string; description?: string }) {
  const ctx = api.runtime.ctx;
  return createEndpointService({
    ctx: { ...ctx, config: { ...ctx.config, allowPrivateWebhookUrls: true } },
    merchantId: merchant.merchant_id,
    input,
  });
}

/** An endpoint whose URL is stored directly, as if it had passed the save-time check earlier. */
async function endpointBehindTheGuard(merchant: Merchant, url: string) {
  const endpoint = await createEndpoint(merchant, { url: "https://example.com/hook" });
  await api.runtime.database.db.update(webhookEndpoints).set({ url }).where(eq(webhookEndpoints.id, endpoint.id));
  return endpoint;
}

describe.concurrent("webhook endpoints: isolation and the SSRF guard", () => {
  it("another merchant's endpoint is a 404 everywhere and never listed", async () => {
    const owner = await api.registerMerchant("Owner");
    const intruder = await api.registerMerchant("Intruder");
    const endpoint = await createEndpoint(owner, { url: "https://example.com/owner", description: "owner's" });
    for (const auth of [keyAuth(intruder), { bearer: intruder.access }]) {
      for (const [method, path, json] of [
        ["GET", `/webhook_endpoints/${endpoint.id}`, undefined],
        ["PATCH", `/webhook_endpoints/${endpoint.id}`, { url: "https://example.com/stolen" }],
        ["DELETE", `/webhook_endpoints/${endpoint.id}`, undefined],
        ["POST", `/webhook_endpoints/${endpoint.id}/rotate-secret`, undefined],
        ["POST", `/webhook_endpoints/${endpoint.id}/test`, undefined],
      ] as const) {
        const response = await api.request(`/api/v1${path}`, { method, auth, ...(json ? { json } : {}) });
        await expectError(response, 404, "not_found");
      }
      const list = await (await api.request("/api/v1/webhook_endpoints", { auth })).json();
      expect(list.data.items).toEqual([]);
      const deliveries = await (await api.request(`/api/v1/webhooks?endpoint_id=${endpoint.id}`, { auth })).json();
      expect(deliveries.data.items).toEqual([]);
    }
    const [row] = await api.runtime.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row).toMatchObject({ url: "https://example.com/owner", status: "enabled", deletedAt: null });
    expect(row?.previousSecretCiphertext).toBeNull();
  });

  it("refuses internal addresses at save, for create and patch", async () => {
    const merchant = await api.registerMerchant();
    const endpoint = await createEndpoint(merchant, { url: "https://example.com/ok" });
    for (const url of [
      receiver.url("/never"),
      "http://localhost:4000/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:127.0.0.1]/hook",
      "http://10.0.0.5/hook",
    ]) {
      const created = await call(api, merchant, "POST", "/webhook_endpoints", { url });
      expect(created.status, url).toBe(400);
      expect(created.body.exception).toMatchObject({ type: "webhook_url_refused", param: "url" });
      const patched = await call(api, merchant, "PATCH", `/webhook_endpoints/${endpoint.id}`, { url });
      expect(patched.body.exception).toMatchObject({ type: "webhook_url_refused", param: "url" });
    }
    const list = await call(api, merchant, "GET", "/webhook_endpoints");
    expect(list.body.data.items.map((item: { url: string }) => item.url)).toEqual(["https://example.com/ok"]);
  });

  it("refuses an internal address at send time too (the test event reaches nothing)", async () => {
    const merchant = await api.registerMerchant();
    const endpoint = await endpointBehindTheGuard(merchant, receiver.url("/behind-guard"));
    const sent = await call(api, merchant, "POST", `/webhook_endpoints/${endpoint.id}/test`);
    expect(sent.status).toBe(201);
    const detail = await eventually(async () => {
      const found = await deliveryDetail(api, merchant, sent.body.data.id);
      return found.status === "failed" ? found : undefined;
    });
    expect(detail.attempt_log).toHaveLength(1);
    expect(detail.attempt_log[0]?.error).toMatch(/refused|private|loopback|not allowed/i);
    expect(receiver.hits("/behind-guard")).toEqual([]);
  });
});

describe.concurrent("GET /merchant/webhook-secret", () => {
  it("returns the merchant's own current secret, marked no-store, with key + secret or Bearer", async () => {
    const owner = await api.registerMerchant("Owner");
    const other = await api.registerMerchant("Other");
    for (const auth of [keyAuth(owner), { bearer: owner.access }]) {
      const response = await api.request("/api/v1/merchant/webhook-secret", { auth });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect((await response.json()).data).toEqual({ webhook_secret: owner.webhook_secret });
    }
    // Another merchant reads its own, never the owner's.
    const theirs = await api.request("/api/v1/merchant/webhook-secret", { auth: { bearer: other.access } });
    expect((await theirs.json()).data).toEqual({ webhook_secret: other.webhook_secret });
    expect(other.webhook_secret).not.toBe(owner.webhook_secret);

    // After a rotation it is the new one.
    const rotated = await call(api, owner, "POST", "/merchant/webhook-secret/rotate");
    const again = await call(api, owner, "GET", "/merchant/webhook-secret");
    expect(again.body.data.webhook_secret).toBe(rotated.body.data.webhook_secret);
  });

  it("is refused without merchant credentials", async () => {
    const owner = await api.registerMerchant();
    const attempts: Record<string, string>[] = [
      {},
      { "X-Api-Key": owner.api_key },
      { "X-Api-Key": owner.api_key, "X-Api-Secret": "secret_test_wrong" },
      { Authorization: "Bearer not-a-token" },
    ];
    for (const headers of attempts) {
      const response = await api.request("/api/v1/merchant/webhook-secret", { headers });
      const body = await response.text();
      expect(response.status).toBe(401);
      expect(body).not.toContain("whsec_");
    }
  });
});
