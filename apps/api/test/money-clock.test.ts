import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime } from "../src/index.js";
import {
  authHeaders,
  expectError,
  keyAuth,
  type MerchantCredentials,
  startTestApi,
  type TestApi,
  usingPostgres,
} from "./helpers.js";
import {
  advanceClock,
  authorizedPayment,
  eventTypesFor,
  getJson,
  type PaymentView,
  paymentIn,
  post,
  THREE_DS_CARD,
} from "./money-helpers.js";
import { createOrder } from "./payment-helpers.js";
import { failedPayment, getJson as getWebhooks, onlyDelivery, setWebhookUrl, startReceiver } from "./webhooks-receiver.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({ ADMIN_EMAIL: "clock-admin@paygate.local", ADMIN_PASSWORD: "admin-password-1" });
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const payment = (id: string) => getJson<PaymentView>(api, merchant, `/payments/${id}`);
const HOUR = 3600;

describe("the test clock API", () => {
  it("GET /test/clock is the server's time; advance moves it by exactly `seconds`", async () => {
    const before = await getJson<{ now: string; offset_seconds: number }>(api, merchant, "/test/clock");
    expect(Math.abs(Date.parse(before.now) - (Date.now() + before.offset_seconds * 1000))).toBeLessThan(5000);
    const after = await advanceClock(api, merchant, 86_400);
    expect(after.offset_seconds).toBe(before.offset_seconds + 86_400);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86_400_000);
    // Objects carry the clock's time.
    const order = await createOrder(api, merchant, 100);
    const { data } = await (await api.request(`/api/v1/orders/${order.id}`, { auth: keyAuth(merchant) })).json();
    expect(Date.parse(data.created_at)).toBeGreaterThanOrEqual(Date.parse(after.now));
  });

  it("refuses 0, fractions, more than 400 days, and strangers; an admin may move it", async () => {
    for (const seconds of [0, -5, 1.5, 400 * 86_400 + 1, "60"]) {
      await expectError(await post(api, merchant, "/test/clock/advance", { seconds }), 400, "validation_error");
    }
    await expectError(await post(api, merchant, "/test/clock/advance", { seconds: 60, extra: true }), 400, "validation_error");
    await expectError(await api.request("/api/v1/test/clock"), 401, "unauthorized");
    await expectError(
      await api.request("/api/v1/test/clock/advance", { method: "POST", json: { seconds: 60 } }),
      401,
      "unauthorized",
    );
    const login = await api.request("/api/v1/auth/token", {
      method: "POST",
      json: { email: "clock-admin@paygate.local", password: "admin-password-1" },
    });
    const { access } = (await login.json()).data;
    const moved = await api.request("/api/v1/test/clock/advance", {
      method: "POST",
      json: { seconds: 60 },
      headers: authHeaders({ bearer: access }),
    });
    expect(moved.status).toBe(200);
  });
});

describe("expiry by the clock", () => {
  it("an authorization not captured within AUTH_EXPIRY_HOURS is voided authorization_expired", async () => {
    const order = await createOrder(api, merchant, 800);
    const manual = await authorizedPayment(api, merchant, order.id);
    await advanceClock(api, merchant, 119 * HOUR);
    expect((await payment(manual.id)).status).toBe("authorized");
    await advanceClock(api, merchant, HOUR + 1);
    expect(await payment(manual.id)).toMatchObject({ status: "voided", error_code: "authorization_expired" });
    expect(await eventTypesFor(api, manual.id)).toEqual(["payment.authorized", "payment.voided"]);
    await expectError(await post(api, merchant, `/payments/${manual.id}/capture`), 409, "payment_not_capturable");
  });

  it("a late expiry job changes nothing: a captured or voided payment stays as it is", async () => {
    const capturedOrder = await createOrder(api, merchant, 800);
    const toCapture = await authorizedPayment(api, merchant, capturedOrder.id);
    expect((await post(api, merchant, `/payments/${toCapture.id}/capture`)).status).toBe(200);
    const voidedOrder = await createOrder(api, merchant, 800);
    const toVoid = await authorizedPayment(api, merchant, voidedOrder.id);
    expect((await post(api, merchant, `/payments/${toVoid.id}/void`)).status).toBe(200);
    await advanceClock(api, merchant, 121 * HOUR);
    expect(await payment(toCapture.id)).toMatchObject({ status: "captured", error_code: null });
    expect(await payment(toVoid.id)).toMatchObject({ status: "voided", error_code: null });
    expect(await eventTypesFor(api, toVoid.id)).toEqual(["payment.authorized", "payment.voided"]);
  });

  it("a payment awaiting 3-D Secure past ACTION_TIMEOUT_MINUTES fails authentication_timeout", async () => {
    const order = await createOrder(api, merchant, 800);
    const waiting = await paymentIn(api, merchant, order.id, "requires_action", { card: THREE_DS_CARD });
    await advanceClock(api, merchant, 14 * 60);
    expect((await payment(waiting.id)).status).toBe("requires_action");
    await advanceClock(api, merchant, 60 + 1);
    expect(await payment(waiting.id)).toMatchObject({ status: "failed", error_code: "authentication_timeout" });
    const late = await api.request(`/api/v1/payments/${waiting.id}/public/authenticate`, {
      method: "POST",
      json: { key: merchant.api_key, otp: "123456" },
    });
    await expectError(late, 409, "payment_action_not_required");
  });

  it("an authenticated 3-D Secure payment is not timed out later", async () => {
    const order = await createOrder(api, merchant, 800);
    const waiting = await paymentIn(api, merchant, order.id, "requires_action", { card: THREE_DS_CARD });
    const done = await api.request(`/api/v1/payments/${waiting.id}/public/authenticate`, {
      method: "POST",
      json: { key: merchant.api_key, otp: "123456" },
    });
    expect(done.status).toBe(200);
    await advanceClock(api, merchant, 3600);
    expect((await payment(waiting.id)).status).toBe("captured");
  });

  it("everything due in the window runs in due order", async () => {
    const first = await authorizedPayment(api, merchant, (await createOrder(api, merchant, 100)).id);
    await advanceClock(api, merchant, 10 * HOUR);
    const second = await authorizedPayment(api, merchant, (await createOrder(api, merchant, 100)).id);
    // One advance over both deadlines: each is voided at its own time, the earlier first.
    const moved = await advanceClock(api, merchant, 200 * HOUR);
    const [a, b] = [await payment(first.id), await payment(second.id)];
    expect([a.status, b.status]).toEqual(["voided", "voided"]);
    expect(Date.parse(a.updated_at)).toBeLessThan(Date.parse(b.updated_at));
    expect(Date.parse(b.updated_at)).toBeLessThan(Date.parse(moved.now));
    // Each was voided at its deadline by the clock, not at the end of the window.
    expect(Date.parse(b.updated_at) - Date.parse(a.updated_at)).toBeGreaterThan(9 * HOUR * 1000);
  });
});

describe("webhook retries by the clock", () => {
  it("one advance over the whole retry schedule (1 m, 5 m, 30 m, 2 h) runs every attempt before it answers", async () => {
    const receiver = await startReceiver();
    try {
      const shop = await api.registerMerchant();
      receiver.on("/down", () => ({ status: 500 }));
      await setWebhookUrl(api, shop, receiver.url("/down"));
      await failedPayment(api, shop);
      await receiver.next("/down");
      const first = await onlyDelivery(api, shop, (d) => d.attempts === 1 && d.next_retry_at !== null);
      expect(first).toMatchObject({ status: "pending" });
      await advanceClock(api, shop, 3 * HOUR);
      // No waiting here: the advance answered only after everything due in its window ran.
      const { body } = await getWebhooks(api, shop, "/api/v1/webhooks");
      expect(body.data.items[0]).toMatchObject({ status: "failed", attempts: 5, next_retry_at: null });
      expect(receiver.hits("/down")).toHaveLength(5);
    } finally {
      await receiver.close();
    }
  });
});

describe.skipIf(!usingPostgres)("one clock for every process on the database", () => {
  it("a second runtime on the same database sees the advance", async () => {
    const other = await createRuntime(api.config, { startWorkers: false });
    try {
      const skew = () => Math.abs(other.ctx.clock.now().getTime() - api.runtime.ctx.clock.now().getTime());
      expect(skew()).toBeLessThan(1000);
      await advanceClock(api, merchant, 7 * 86_400);
      const deadline = Date.now() + 5000;
      while (skew() >= 1000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(skew()).toBeLessThan(1000);
    } finally {
      await other.close();
    }
  });
});
