import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants } from "../src/db/schema/index.js";
import { sendWebhook } from "../src/services/webhooks/send.js";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { deliveryDetail, failedPayment, getJson, onlyDelivery, type Receiver, startReceiver } from "./webhooks-receiver.js";

/**
 * SSRF guard and merchant isolation, with private webhook URLs NOT allowed. No test sends
 * traffic off this machine: refused URLs are refused before any connection, and the only
 * receiver is on loopback, there to prove that nothing reached it.
 */
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

/** As if the URL had passed the save-time check and its host now resolves to loopback. */
async function storeUrlBehindTheGuard(merchant: MerchantCredentials, url: string) {
  await api.runtime.database.db.update(merchants).set({ webhookUrl: url }).where(eq(merchants.id, merchant.merchant_id));
}

const patchUrl = (merchant: MerchantCredentials, url: string | null) =>
  api.request("/api/v1/merchant", { method: "PATCH", auth: keyAuth(merchant), json: { webhook_url: url } });

describe.concurrent("webhook SSRF guard", () => {
  it("refuses internal addresses at save time", async () => {
    const merchant = await api.registerMerchant();
    const refused = [
      "http://127.0.0.1/hook",
      "http://localhost:4000/hook",
      "http://LOCALHOST./hook",
      "http://api.localhost/hook",
      "http://[::1]/hook",
      "http://0.0.0.0/hook",
      "http://[::]/hook",
      "http://10.0.0.5/hook",
      "http://172.16.3.4/hook",
      "http://192.168.1.1/hook",
      "http://100.64.0.1/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/hook",
      "http://[fe80::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://[::ffff:a00:5]/hook",
      "http://[64:ff9b::a9fe:a9fe]/hook",
      "http://2130706433/hook",
      "http://0x7f.1/hook",
      "http://127.1/hook",
    ];
    for (const url of refused) {
      const error = await expectError(await patchUrl(merchant, url), 400, "webhook_url_refused");
      expect(error.param, url).toBe("webhook_url");
    }
    for (const url of ["file:///etc/passwd", "gopher://example.com:70/_x", "javascript:alert(1)"]) {
      expect((await patchUrl(merchant, url)).status, url).toBe(400);
    }
    expect((await getJson(api, merchant, "/api/v1/merchant")).body.data.webhook_url).toBeNull();

    const register = await api.request("/api/v1/auth/register", {
      method: "POST",
      json: {
        email: `ssrf-${Date.now()}@example.com`,
        name: "Shop",
        password: "correct-horse-battery",
        webhook_url: "http://[::1]:8000/x",
      },
    });
    await expectError(register, 400, "webhook_url_refused");
  });

  it("accepts a public address (checked only, never contacted: no event is made)", async () => {
    const merchant = await api.registerMerchant();
    const response = await patchUrl(merchant, "https://93.184.216.34/hook");
    expect(response.status).toBe(200);
    expect((await response.json()).data.webhook_url).toBe("https://93.184.216.34/hook");
    expect((await patchUrl(merchant, null)).status).toBe(200);
  });

  it("refuses at send time a stored URL that now points at loopback, before connecting", async () => {
    const cases = [
      { path: "/send-dns", url: receiver.url("/send-dns", "localhost") },
      { path: "/send-literal", url: receiver.url("/send-literal", "127.0.0.1") },
      { path: "/send-mapped", url: receiver.url("/send-mapped", "[::ffff:127.0.0.1]") },
    ];
    await Promise.all(
      cases.map(async ({ path, url }) => {
        const merchant = await api.registerMerchant();
        await storeUrlBehindTheGuard(merchant, url);
        await failedPayment(api, merchant);
        // Refused is final: no retry can make an internal address acceptable.
        const delivery = await onlyDelivery(api, merchant, (item) => item.status === "failed");
        expect(delivery).toMatchObject({ attempts: 1, response_code: null, next_retry_at: null });
        const [attempt] = (await deliveryDetail(api, merchant, delivery.id)).attempt_log;
        expect(attempt?.error, url).toMatch(/refused address/);
        expect(receiver.hits(path), url).toHaveLength(0);
      }),
    );
  });

  it("keeps guarded sends off sockets opened by unguarded ones", async () => {
    const url = receiver.url("/direct", "localhost");
    const request = { url, headers: { "Content-Type": "application/json" }, body: "{}" };
    const open = await sendWebhook({ ...request, allowPrivate: true });
    expect(open).toMatchObject({ status: 200, error: null, refused: false });
    const guarded = await sendWebhook({ ...request, allowPrivate: false });
    expect(guarded).toMatchObject({ status: null, refused: true });
    expect(receiver.hits("/direct")).toHaveLength(1);
  });
});

describe.concurrent("webhook deliveries are private to their merchant", () => {
  it("lets merchant B neither list, read nor retry merchant A's deliveries", async () => {
    const [a, b] = await Promise.all([api.registerMerchant("A"), api.registerMerchant("B")]);
    await storeUrlBehindTheGuard(a, receiver.url("/isolation"));
    await failedPayment(api, a);
    const delivery = await onlyDelivery(api, a, (item) => item.status === "failed");

    expect((await getJson(api, b, "/api/v1/webhooks")).body.data.items).toEqual([]);
    expect((await getJson(api, b, "/api/v1/webhooks?status=failed")).body.data.items).toEqual([]);
    await expectError(await api.request(`/api/v1/webhooks/${delivery.id}`, { auth: keyAuth(b) }), 404, "not_found");
    await expectError(
      await api.request(`/api/v1/webhooks/${delivery.id}/retry`, { method: "POST", auth: keyAuth(b) }),
      404,
      "not_found",
    );
    await expectError(await api.request("/api/v1/webhooks/not-an-id", { auth: keyAuth(b) }), 400, "validation_error");
    expect((await api.request("/api/v1/webhooks")).status).toBe(401);

    // B's attempt changed nothing: A's delivery is still failed after its single attempt.
    const detail = await deliveryDetail(api, a, delivery.id);
    expect(detail).toMatchObject({ status: "failed", attempts: 1 });
    expect(detail.attempt_log).toHaveLength(1);
  });
});
