import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyAuth, type MerchantCredentials, startTestApi, TEST_KEY, TEST_SECRET, type TestApi } from "./helpers.js";
import { createOrder } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
  merchant = await api.registerMerchant("Headers");
});
afterAll(() => api?.close());

const noStore = (response: Response) => expect(response.headers.get("cache-control") ?? "").toContain("no-store");

// Issue 11 finding 5: responses carrying secrets could be cached by a browser or proxy.
describe("Cache-Control: no-store on every response that carries a secret", () => {
  it("register (api_secret, webhook_secret, access, refresh cookie)", async () => {
    const response = await api.request("/api/v1/auth/register", {
      method: "POST",
      json: { email: "no-store@example.com", name: "N", password: "correct-horse-battery" },
    });
    expect(response.status).toBe(201);
    noStore(response);
  });

  it("token and refresh (access token, refresh cookie)", async () => {
    const token = await api.request("/api/v1/auth/token", {
      method: "POST",
      json: { email: merchant.email, password: merchant.password },
    });
    expect(token.status).toBe(200);
    noStore(token);
    const cookie = (token.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const refreshed = await api.request("/api/v1/auth/refresh", { method: "POST", headers: { Cookie: cookie } });
    expect(refreshed.status).toBe(200);
    noStore(refreshed);
  });

  it("API secret and webhook secret rotation", async () => {
    const webhook = await api.request("/api/v1/merchant/webhook-secret/rotate", { method: "POST", auth: keyAuth(merchant) });
    expect(webhook.status).toBe(200);
    noStore(webhook);
    const keys = await api.request("/api/v1/merchant/keys/rotate", { method: "POST", auth: keyAuth(merchant) });
    expect(keys.status).toBe(200);
    noStore(keys);
  });

  it("the TEST_MODE merchant's credentials", async () => {
    const response = await api.request("/api/v1/test/merchant");
    expect(response.status).toBe(200);
    noStore(response);
  });

  it("the public payment and its status (the status carries the payment signature)", async () => {
    const testMerchant = { api_key: TEST_KEY, api_secret: TEST_SECRET } as MerchantCredentials;
    const order = await createOrder(api, testMerchant);
    const created = await api.request("/api/v1/payments/public", {
      method: "POST",
      json: { key: TEST_KEY, order_id: order.id, method: "upi", vpa: "success@paygate" },
    });
    expect(created.status).toBe(201);
    noStore(created);
    const { data } = await created.json();
    const status = await api.request(`/api/v1/payments/${data.id}/public?key=${TEST_KEY}`);
    expect(status.status).toBe(200);
    noStore(status);
  });

  it("errors too (a 401 on a secret-bearing route)", async () => {
    const response = await api.request("/api/v1/merchant/keys/rotate", { method: "POST" });
    expect(response.status).toBe(401);
    noStore(response);
  });
});

describe("/docs", () => {
  it("is served with a Content-Security-Policy and X-Content-Type-Options: nosniff", async () => {
    const response = await api.request("/docs");
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
