import { registerResultSchema } from "@paygate/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { declaredResponseSchema, declaredRoutes, routeFor } from "./openapi-routes.js";

/**
 * A merchant's journey through the API in which every response body is parsed against the
 * schema its route declares for that status — the schema OpenAPIHono type-checks the handler
 * against and the OpenAPI document publishes. Parsing must not drop anything either: a field
 * the schema does not declare is a failure.
 */

const ADMIN = { email: "admin@paygate.test", password: "admin-password-long" };
let api: TestApi;
const covered = new Set<string>();

beforeAll(async () => {
  api = await startTestApi({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, TEST_PROCESSING_DELAY: "50" });
});
afterAll(() => api?.close());

type Init = Parameters<TestApi["request"]>[1];

/** Calls the API and checks the body against the declared schema; returns status, body, response. */
async function call(method: string, path: string, init: Init = {}, expectedStatus?: number) {
  const response = await api.request(path, { ...init, method });
  const text = await response.text();
  if (expectedStatus !== undefined) expect(response.status, `${method} ${path}: ${text}`).toBe(expectedStatus);
  const route = routeFor(api, method, path);
  covered.add(route.key);
  const body: unknown = JSON.parse(text);
  const parsed = declaredResponseSchema(route, response.status).safeParse(body);
  if (!parsed.success) throw new Error(`${route.key} ${response.status}: ${parsed.error.message}\n${text}`);
  expect(parsed.data, `${route.key} ${response.status} has undeclared fields`).toEqual(body);
  return { status: response.status, body: parsed.data, response, data: dataOf(body) };
}

function dataOf(body: unknown): Record<string, unknown> {
  if (typeof body === "object" && body !== null && "data" in body && typeof body.data === "object" && body.data !== null) {
    return { ...body.data };
  }
  return {};
}

const str = (value: unknown) => {
  if (typeof value !== "string") throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
};

describe("every response of a merchant's journey matches its declared schema", () => {
  let merchant: MerchantCredentials;

  it("auth: register, token, refresh, logout", async () => {
    const email = `journey-${Date.now()}@example.com`;
    const password = "journey-password-long";
    const registered = await call("POST", "/api/v1/auth/register", { json: { email, name: "Journey", password } }, 201);
    merchant = { ...registerResultSchema.parse(registered.data), email, password };
    const cookie = str(registered.response.headers.get("set-cookie")).split(";")[0];
    await call("POST", "/api/v1/auth/token", { json: { email, password } }, 200);
    await call("POST", "/api/v1/auth/token", { json: { email, password: "wrong-password" } }, 401);
    await call("POST", "/api/v1/auth/refresh", { headers: { Cookie: str(cookie) } }, 200);
    await call("POST", "/api/v1/auth/logout", {}, 200);
    await call("POST", "/api/v1/auth/register", { json: { email, name: "Again", password } }, 409);
  });

  const ids = { order: "", payment: "", manual: "", refund: "", delivery: "", threeDs: "" };

  it("orders and payments through to captured, a manual capture, a refund", async () => {
    const auth = keyAuth(merchant);
    await call("PATCH", "/api/v1/merchant", { auth, json: { webhook_url: "http://127.0.0.1:9/hooks" } }, 200);
    const order = await call("POST", "/api/v1/orders", { auth, json: { amount: 5000, receipt: "r-1", notes: { a: "b" } } }, 201);
    ids.order = str(order.data.id);
    const replay = await call(
      "POST",
      "/api/v1/orders",
      { auth, json: { amount: 5000 }, headers: { "Idempotency-Key": "journey-1" } },
      201,
    );
    const replayed = await call(
      "POST",
      "/api/v1/orders",
      { auth, json: { amount: 5000 }, headers: { "Idempotency-Key": "journey-1" } },
      201,
    );
    expect(replayed.response.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replayed.body).toEqual(replay.body);
    await call("POST", "/api/v1/orders", { auth, json: { amount: 6000 }, headers: { "Idempotency-Key": "journey-1" } }, 422);
    await call("POST", "/api/v1/orders", { auth, json: { amount: -1 } }, 400);
    await call("GET", `/api/v1/orders/${ids.order}`, { auth }, 200);
    await call("GET", "/api/v1/orders/order_doesnotexist00", { auth }, 404);

    const card = { number: "4111111111111111", expiry: "12/34", cvv: "123" };
    const payment = await call("POST", "/api/v1/payments", { auth, json: { order_id: ids.order, method: "card", card } }, 201);
    ids.payment = str(payment.data.id);
    await eventually(async () => {
      const { data } = await call("GET", `/api/v1/payments/${ids.payment}`, { auth }, 200);
      return data.status === "captured" ? true : undefined;
    });
    await call("POST", "/api/v1/payments", { auth, json: { order_id: ids.order, method: "upi", vpa: "success@paygate" } }, 409);

    const manualOrder = await call("POST", "/api/v1/orders", { auth, json: { amount: 700 } }, 201);
    const manual = await call(
      "POST",
      "/api/v1/payments",
      { auth, json: { order_id: str(manualOrder.data.id), method: "card", card, capture: "manual" } },
      201,
    );
    ids.manual = str(manual.data.id);
    await eventually(async () => {
      const { data } = await call("GET", `/api/v1/payments/${ids.manual}`, { auth }, 200);
      return data.status === "authorized" ? true : undefined;
    });
    await call("POST", `/api/v1/payments/${ids.manual}/capture`, { auth }, 200);
    await call("POST", `/api/v1/payments/${ids.manual}/capture`, { auth }, 409);

    const voidOrder = await call("POST", "/api/v1/orders", { auth, json: { amount: 700 } }, 201);
    const toVoid = await call(
      "POST",
      "/api/v1/payments",
      { auth, json: { order_id: str(voidOrder.data.id), method: "card", card, capture: "manual" } },
      201,
    );
    await eventually(async () => {
      const { data } = await call("GET", `/api/v1/payments/${str(toVoid.data.id)}`, { auth }, 200);
      return data.status === "authorized" ? true : undefined;
    });
    await call("POST", `/api/v1/payments/${str(toVoid.data.id)}/void`, { auth }, 200);
    await call("POST", `/api/v1/payments/${str(toVoid.data.id)}/void`, { auth }, 409);

    const refund = await call(
      "POST",
      `/api/v1/payments/${ids.payment}/refunds`,
      { auth, json: { amount: 100, reason: "journey" } },
      201,
    );
    ids.refund = str(refund.data.id);
    await call("POST", `/api/v1/payments/${ids.payment}/refunds`, { auth, json: { amount: 999_999 } }, 409);
    await call("GET", `/api/v1/refunds/${ids.refund}`, { auth }, 200);

    const cancellable = await call("POST", "/api/v1/orders", { auth, json: { amount: 300 } }, 201);
    await call("POST", `/api/v1/orders/${str(cancellable.data.id)}/cancel`, { auth }, 200);
    await call("POST", `/api/v1/orders/${ids.order}/cancel`, { auth }, 409);
  });

  it("the checkout's public endpoints, 3-D Secure included", async () => {
    const key = merchant.api_key;
    const order = await call("POST", "/api/v1/orders", { auth: keyAuth(merchant), json: { amount: 800 } }, 201);
    const orderId = str(order.data.id);
    await call("GET", `/api/v1/checkout/orders/${orderId}?key=${key}`, {}, 200);
    await call("GET", `/api/v1/checkout/orders/${orderId}?key=nope`, {}, 401);
    const card = { number: "4000002760003184", expiry: "12/34", cvv: "123" };
    const payment = await call(
      "POST",
      "/api/v1/payments/public",
      { json: { key, order_id: orderId, method: "card", card } },
      201,
    );
    ids.threeDs = str(payment.data.id);
    await eventually(async () => {
      const { data } = await call("GET", `/api/v1/payments/${ids.threeDs}/public?key=${key}`, {}, 200);
      return data.status === "requires_action" ? true : undefined;
    });
    await call("POST", `/api/v1/payments/${ids.threeDs}/public/authenticate`, { json: { key, otp: "123456" } }, 200);
  });

  it("receipts (PDF) and the mailbox", async () => {
    const auth = keyAuth(merchant);
    // A PDF answer has no JSON body: its route is covered by its type; its errors go through `call`.
    for (const path of [
      `/api/v1/payments/${ids.manual}/receipt`,
      `/api/v1/checkout/payments/${ids.manual}/receipt?key=${merchant.api_key}`,
    ]) {
      const response = await api.request(path, { auth });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      covered.add(routeFor(api, "GET", path).key);
    }
    await call("GET", "/api/v1/payments/pay_doesnotexist00/receipt", { auth }, 404);
    await call("GET", `/api/v1/checkout/payments/${ids.manual}/receipt?key=nope`, {}, 401);
    await call("GET", `/api/v1/emails?payment_id=${ids.manual}`, { auth }, 200);
    await call("GET", "/api/v1/emails?invoice_id=bad", { auth }, 400);
    await call("GET", `/api/v1/test/emails?to=${encodeURIComponent(merchant.email)}`, { auth }, 200);
  });

  it("promo codes: create, list, get, patch, validate, apply and remove in the checkout", async () => {
    const auth = keyAuth(merchant);
    const key = merchant.api_key;
    const created = await call(
      "POST",
      "/api/v1/discounts",
      { auth, json: { code: "schema-10", type: "percentage", value: 1000 } },
      201,
    );
    const discountId = str(created.data.id);
    await call("POST", "/api/v1/discounts", { auth, json: { code: "SCHEMA-10", type: "percentage", value: 1000 } }, 409);
    await call("GET", "/api/v1/discounts?limit=2", { auth }, 200);
    await call("GET", `/api/v1/discounts/${discountId}`, { auth }, 200);
    await call("GET", "/api/v1/discounts/disc_doesnotexist00", { auth }, 404);
    await call("PATCH", `/api/v1/discounts/${discountId}`, { auth, json: { max_uses: 10 } }, 200);
    await call("POST", "/api/v1/discounts/validate", { auth, json: { code: "schema-10", amount: 1000, currency: "INR" } }, 200);
    const order = await call("POST", "/api/v1/orders", { auth, json: { amount: 900, discount_code: "SCHEMA-10" } }, 201);
    const orderId = str(order.data.id);
    await call("DELETE", `/api/v1/checkout/orders/${orderId}/discount?key=${key}`, {}, 200);
    await call("POST", `/api/v1/checkout/orders/${orderId}/discount`, { json: { key, code: "schema-10" } }, 200);
    await call("POST", `/api/v1/checkout/orders/${orderId}/discount`, { json: { key, code: "NOPE" } }, 409);
  });

  it("lists, stats, merchant, webhooks", async () => {
    const auth = keyAuth(merchant);
    for (const path of [
      "/api/v1/orders?limit=2",
      `/api/v1/orders/${ids.order}/payments`,
      "/api/v1/payments?status=captured",
      "/api/v1/refunds",
      "/api/v1/merchants/stats",
      "/api/v1/merchant",
    ]) {
      await call("GET", path, { auth }, 200);
    }
    await call("GET", "/api/v1/orders?limit=0", { auth }, 400);
    await call("GET", "/api/v1/orders", {}, 401);
    ids.delivery = await eventually(async () => {
      const { data } = await call("GET", "/api/v1/webhooks", { auth }, 200);
      const [first] = Array.isArray(data.items) ? data.items : [];
      return typeof first === "object" && first !== null && "id" in first ? str(first.id) : undefined;
    });
    await call("GET", `/api/v1/webhooks/${ids.delivery}`, { auth }, 200);
    await call("POST", `/api/v1/webhooks/${ids.delivery}/retry`, { auth }, 200);
    await call("GET", "/api/v1/merchant/webhook-secret", { auth }, 200);
    await call("POST", "/api/v1/merchant/webhook-secret/rotate", { auth }, 200);
    const endpoint = await call("POST", "/api/v1/webhook_endpoints", { auth, json: { url: "http://127.0.0.1:9/e" } }, 201);
    const endpointPath = `/api/v1/webhook_endpoints/${str(endpoint.data.id)}`;
    await call("POST", "/api/v1/webhook_endpoints", { auth, json: { url: "http://127.0.0.1:9/e", events: ["x"] } }, 400);
    await call("GET", "/api/v1/webhook_endpoints", { auth }, 200);
    await call("GET", endpointPath, { auth }, 200);
    await call("PATCH", endpointPath, { auth, json: { events: ["order.paid"] } }, 200);
    await call("POST", `${endpointPath}/rotate-secret`, { auth }, 200);
    await call("POST", `${endpointPath}/test`, { auth }, 201);
    await call("GET", `/api/v1/webhooks?endpoint_id=${str(endpoint.data.id)}&event_type=ping`, { auth }, 200);
    await call("DELETE", endpointPath, { auth }, 200);
    await call("GET", endpointPath, { auth }, 404);
    await call("POST", "/api/v1/merchant/keys/rotate", { auth }, 200);
  });

  it("admin and /test/* endpoints", async () => {
    const token = await call("POST", "/api/v1/auth/token", { json: ADMIN }, 200);
    const admin = { bearer: str(token.data.access) };
    await call("GET", "/api/v1/admin/stats", { auth: admin }, 200);
    await call("GET", `/api/v1/admin/stats?merchant_id=${merchant.merchant_id}`, { auth: admin }, 200);
    await call("GET", "/api/v1/admin/merchants", { auth: admin }, 200);
    // A fresh login: the journey logged out above, which ended the registration's access token.
    const login = await call("POST", "/api/v1/auth/token", { json: { email: merchant.email, password: merchant.password } }, 200);
    await call("GET", "/api/v1/admin/stats", { auth: { bearer: str(login.data.access) } }, 403);
    await call(
      "POST",
      "/api/v1/auth/register-admin",
      { auth: admin, json: { email: "second-admin@paygate.test", name: "Second", password: "second-admin-password" } },
      201,
    );
    const victim = await api.registerMerchant("Victim");
    await call("DELETE", `/api/v1/admin/merchants/${victim.merchant_id}`, { auth: admin }, 200);
    await call("GET", "/api/v1/test/merchant", {}, 200);
    await call("GET", "/api/v1/test/jobs/status", {}, 200);
    await call("GET", "/api/v1/test/clock", { auth: admin }, 200);
    await call("POST", "/api/v1/test/clock/advance", { auth: admin, json: { seconds: 60 } }, 200);
    await call("POST", "/api/v1/test/clock/advance", { auth: admin, json: { seconds: 0 } }, 400);
  });

  it("void, the test clock, balance and settlements, the ledger's admin routes", async () => {
    const token = await call("POST", "/api/v1/auth/token", { json: ADMIN }, 200);
    const admin = { bearer: str(token.data.access) };
    const shop = await api.registerMerchant("Ledger");
    const auth = keyAuth(shop);
    const card = { number: "4242424242424242", expiry: "12/34", cvv: "123" };
    const paid = await call("POST", "/api/v1/orders", { auth, json: { amount: 5000 } }, 201);
    const payment = await call(
      "POST",
      "/api/v1/payments",
      { auth, json: { order_id: str(paid.data.id), method: "card", card } },
      201,
    );
    const manualOrder = await call("POST", "/api/v1/orders", { auth, json: { amount: 900 } }, 201);
    const manual = await call(
      "POST",
      "/api/v1/payments",
      { auth, json: { order_id: str(manualOrder.data.id), method: "card", card, capture: "manual" } },
      201,
    );
    for (const [id, status] of [
      [str(payment.data.id), "captured"],
      [str(manual.data.id), "authorized"],
    ]) {
      await eventually(async () => {
        const { data } = await call("GET", `/api/v1/payments/${id}`, { auth }, 200);
        return data.status === status ? true : undefined;
      });
    }
    await call("POST", `/api/v1/payments/${str(manual.data.id)}/void`, { auth }, 200);
    await call("POST", `/api/v1/payments/${str(manual.data.id)}/void`, { auth }, 409);
    await call("PATCH", `/api/v1/admin/merchants/${shop.merchant_id}`, { auth: admin, json: { fee_bps: 150 } }, 200);
    await call("PATCH", `/api/v1/admin/merchants/${shop.merchant_id}`, { auth: admin, json: {} }, 400);
    await call("GET", "/api/v1/test/clock", { auth }, 200);
    // Three days on: the capture's net becomes available and a daily settlement pays it out.
    await call("POST", "/api/v1/test/clock/advance", { auth, json: { seconds: 3 * 86_400 } }, 200);
    await call("GET", "/api/v1/balance", { auth }, 200);
    await call("GET", "/api/v1/balance/transactions?type=payment", { auth }, 200);
    const settlements = await call("GET", "/api/v1/settlements", { auth }, 200);
    const [first] = Array.isArray(settlements.data.items) ? settlements.data.items : [];
    const settlementId = typeof first === "object" && first !== null && "id" in first ? str(first.id) : "";
    await call("GET", `/api/v1/settlements/${settlementId}`, { auth }, 200);
    await call("GET", "/api/v1/settlements/setl_doesnotexist00", { auth }, 404);
    await call("GET", "/api/v1/admin/ledger/trial-balance", { auth: admin }, 200);
  });

  it("invoices: create, edit, send, the hosted page's read, cancel, list", async () => {
    const auth = keyAuth(await api.registerMerchant("Invoicer"));
    const body = {
      customer: { name: "C", email: "c@example.com" },
      line_items: [{ name: "Item", quantity: 2, unit_amount: 500 }],
    };
    const draft = await call("POST", "/api/v1/invoices", { auth, json: body }, 201);
    const id = str(draft.data.id);
    await call("POST", "/api/v1/invoices", { auth, json: { ...body, tax_bps: 10_001 } }, 400);
    await call("PATCH", `/api/v1/invoices/${id}`, { auth, json: { tax_bps: 1800, due_date: "2099-12-31" } }, 200);
    await call("GET", `/api/v1/checkout/invoices/${id}`, {}, 404);
    await call("POST", `/api/v1/invoices/${id}/send`, { auth }, 200);
    await call("PATCH", `/api/v1/invoices/${id}`, { auth, json: { notes: "late" } }, 409);
    await call("GET", `/api/v1/checkout/invoices/${id}`, {}, 200);
    await call("GET", `/api/v1/invoices/${id}`, { auth }, 200);
    await call("GET", "/api/v1/invoices/inv_doesnotexist000/pdf", { auth }, 404);
    await call("GET", "/api/v1/invoices?status=viewed", { auth }, 200);
    await call("POST", `/api/v1/invoices/${id}/cancel`, { auth }, 200);
    await call("POST", `/api/v1/invoices/${id}/cancel`, { auth }, 409);
  });

  it("payment links and their hosted page's public endpoint", async () => {
    // A merchant of its own: the journey above rotated its keys.
    const auth = keyAuth(await api.registerMerchant("Links"));
    const link = await call("POST", "/api/v1/payment_links", { auth, json: { amount: 900, description: "Journey link" } }, 201);
    const linkId = str(link.data.id);
    await call("POST", "/api/v1/payment_links", { auth, json: { amount: -1, description: "x" } }, 400);
    await call("GET", "/api/v1/payment_links?status=created", { auth }, 200);
    await call("GET", `/api/v1/payment_links/${linkId}`, { auth }, 200);
    await call("GET", "/api/v1/payment_links/plink_doesnotexist00", { auth }, 404);
    await call("GET", `/api/v1/checkout/links/${linkId}`, {}, 200);
    await call("POST", `/api/v1/payment_links/${linkId}/cancel`, { auth }, 200);
    await call("GET", `/api/v1/checkout/links/${linkId}`, {}, 410);
  });

  it("customers, saved cards, subscriptions and invoices", async () => {
    const shop = await api.registerMerchant("Subscriptions");
    const auth = keyAuth(shop);
    const customer = await call("POST", "/api/v1/customers", { auth, json: { name: "C", email: "c@example.com" } }, 201);
    const customerId = str(customer.data.id);
    await call("GET", `/api/v1/customers/${customerId}`, { auth }, 200);
    await call("PATCH", `/api/v1/customers/${customerId}`, { auth, json: { contact: "+91 99999 00000" } }, 200);
    await call("GET", "/api/v1/customers?email=c@example.com", { auth }, 200);
    const order = await call("POST", "/api/v1/orders", { auth, json: { amount: 700, customer_id: customerId } }, 201);
    await call("GET", `/api/v1/checkout/orders/${str(order.data.id)}?key=${shop.api_key}`, {}, 200);
    const card = { number: "4242424242424242", expiry: "12/34", cvv: "123" };
    await call(
      "POST",
      "/api/v1/payments/public",
      { json: { key: shop.api_key, order_id: str(order.data.id), method: "card", card, save_card: true } },
      201,
    );
    const methodId = await eventually(async () => {
      const { data } = await call("GET", `/api/v1/customers/${customerId}/payment_methods`, { auth }, 200);
      const [first] = Array.isArray(data.items) ? data.items : [];
      return typeof first === "object" && first !== null && "id" in first ? str(first.id) : undefined;
    });
    const subscription = await call(
      "POST",
      "/api/v1/subscriptions",
      { auth, json: { customer_id: customerId, payment_method: methodId, amount: 900, interval: "month" } },
      201,
    );
    const subscriptionId = str(subscription.data.id);
    await call("GET", `/api/v1/subscriptions/${subscriptionId}`, { auth }, 200);
    await call("GET", `/api/v1/subscriptions?customer_id=${customerId}&status=active`, { auth }, 200);
    await call("POST", `/api/v1/subscriptions/${subscriptionId}/cancel`, { auth }, 200);
    await call("POST", `/api/v1/subscriptions/${subscriptionId}/cancel`, { auth }, 409);
    await call("GET", `/api/v1/invoices?subscription_id=${subscriptionId}`, { auth }, 200);
    await call("DELETE", `/api/v1/payment_methods/${methodId}`, { auth }, 200);

    const line = { name: "Tea", quantity: 2, unit_amount: 150 };
    const invoice = await call(
      "POST",
      "/api/v1/invoices",
      { auth, json: { customer: { name: "C", email: "c@example.com" }, line_items: [line] } },
      201,
    );
    const invoiceId = str(invoice.data.id);
    await call("PATCH", `/api/v1/invoices/${invoiceId}`, { auth, json: { notes: "Thanks" } }, 200);
    await call("POST", `/api/v1/invoices/${invoiceId}/send`, { auth }, 200);
    await call("GET", `/api/v1/checkout/invoices/${invoiceId}`, {}, 200);
    await call("GET", `/api/v1/invoices/${invoiceId}`, { auth }, 200);
    await call("POST", `/api/v1/invoices/${invoiceId}/cancel`, { auth }, 200);
  });

  it("covered every declared route", () => {
    const missing = declaredRoutes(api)
      .map((route) => route.key)
      .filter((key) => !covered.has(key));
    expect(missing).toEqual([]);
  });
});
