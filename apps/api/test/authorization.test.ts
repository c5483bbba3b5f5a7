import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, saveCard } from "./customer-helpers.js";
import {
  type Credentials,
  eventually,
  expectError,
  keyAuth,
  type MerchantCredentials,
  startTestApi,
  type TestApi,
} from "./helpers.js";
import { type DeclaredRoute, declaredRoutes } from "./openapi-routes.js";
import { capturedPayment } from "./payment-helpers.js";

let api: TestApi;
let owner: MerchantCredentials;
let intruder: MerchantCredentials;
const ids = {
  order: "",
  payment: "",
  refund: "",
  delivery: "",
  settlement: "",
  customer: "",
  paymentMethod: "",
  subscription: "",
  invoice: "",
  paymentLink: "",
  endpoint: "",
  discount: "",
};

beforeAll(async () => {
  api = await startTestApi();
  owner = await api.registerMerchant("Owner");
  intruder = await api.registerMerchant("Intruder");
  // A webhook URL that refuses connections: deliveries exist (and fail) without any receiver.
  await api.request("/api/v1/merchant", {
    method: "PATCH",
    auth: keyAuth(owner),
    json: { webhook_url: "http://127.0.0.1:9/hooks" },
  });
  const endpoint = await api.request("/api/v1/webhook_endpoints", {
    method: "POST",
    auth: keyAuth(owner),
    json: { url: "http://127.0.0.1:9/endpoint" },
  });
  ids.endpoint = (await endpoint.json()).data.id;
  const { order, payment } = await capturedPayment(api, owner, 900);
  ids.order = order.id;
  ids.payment = payment.id;
  const refund = await api.request(`/api/v1/payments/${payment.id}/refunds`, {
    method: "POST",
    auth: keyAuth(owner),
    json: { amount: 100 },
  });
  ids.refund = (await refund.json()).data.id;
  ids.delivery = await eventually(async () => {
    const { data } = await (await api.request("/api/v1/webhooks", { auth: keyAuth(owner) })).json();
    return data.items[0]?.id as string | undefined;
  });
  const invoice = await api.request("/api/v1/invoices", {
    method: "POST",
    auth: keyAuth(owner),
    json: { customer: { name: "C", email: "c@example.com" }, line_items: [{ name: "Item", quantity: 1, unit_amount: 100 }] },
  });
  ids.invoice = (await invoice.json()).data.id;
  const link = await api.request("/api/v1/payment_links", {
    method: "POST",
    auth: keyAuth(owner),
    json: { amount: 500, description: "Owner's link" },
  });
  ids.paymentLink = (await link.json()).data.id;
  const discount = await api.request("/api/v1/discounts", {
    method: "POST",
    auth: keyAuth(owner),
    json: { code: "OWNER10", type: "percentage", value: 1000 },
  });
  ids.discount = (await discount.json()).data.id;
  ids.customer = (await createCustomer(api, owner, { email: "owned-customer@example.com" })).id;
  ids.paymentMethod = (await saveCard(api, owner, ids.customer)).id;
  const subscription = await api.request("/api/v1/subscriptions", {
    method: "POST",
    auth: keyAuth(owner),
    json: { customer_id: ids.customer, payment_method: ids.paymentMethod, amount: 500, interval: "month" },
  });
  ids.subscription = (await subscription.json()).data.id;
  // Three days on the test clock: the owner's net becomes available and is settled.
  await api.request("/api/v1/test/clock/advance", { method: "POST", auth: keyAuth(owner), json: { seconds: 3 * 86_400 } });
  ids.settlement = await eventually(async () => {
    const { data } = await (await api.request("/api/v1/settlements", { auth: keyAuth(owner) })).json();
    return data.items[0]?.id as string | undefined;
  });
});
afterAll(() => api?.close());

/** Open to anyone by design; every other declared route must declare `security` and enforce it. */
const OPEN_ROUTES = {
  auth: ["POST /api/v1/auth/register", "POST /api/v1/auth/token", "POST /api/v1/auth/refresh", "POST /api/v1/auth/logout"],
  /** Authorised by the publishable key alone (SPEC §7). */
  publishableKey: [
    "GET /api/v1/checkout/orders/{order_id}",
    "POST /api/v1/payments/public",
    "GET /api/v1/payments/{id}/public",
    "POST /api/v1/payments/{id}/public/authenticate",
    "POST /api/v1/checkout/orders/{order_id}/discount",
    "DELETE /api/v1/checkout/orders/{order_id}/discount",
    "GET /api/v1/checkout/payments/{id}/receipt",
  ],
  /** The id is the capability, like the link in the customer's email (SPEC §14). */
  byId: ["GET /api/v1/checkout/invoices/{id}"],
  /** Open to whoever holds the link: its id is what the merchant shares (SPEC §14). */
  linkHolder: ["GET /api/v1/checkout/links/{id}"],
  /** Registered only in TEST_MODE. */
  testMode: ["GET /api/v1/test/merchant", "GET /api/v1/test/jobs/status"],
};
const openKeys = new Set(Object.values(OPEN_ROUTES).flat());

/** A valid body for each declared route that takes one, so the request reaches authorization. */
const sampleBodies = (): Record<string, unknown> => ({
  "POST /api/v1/auth/register-admin": { email: "x-admin@example.com", name: "X", password: "long-enough-password" },
  "PATCH /api/v1/merchant": { name: "Renamed" },
  "POST /api/v1/webhook_endpoints": { url: "http://127.0.0.1:9/other" },
  "PATCH /api/v1/webhook_endpoints/{id}": { description: "renamed" },
  "POST /api/v1/orders": { amount: 100 },
  "POST /api/v1/payments": { order_id: ids.order, method: "upi", vpa: "success@paygate" },
  "POST /api/v1/payments/{id}/refunds": { amount: 1 },
  "POST /api/v1/payments/public": { key: intruder.api_key, order_id: ids.order, method: "upi", vpa: "success@paygate" },
  "POST /api/v1/payments/{id}/public/authenticate": { key: intruder.api_key, otp: "123456" },
  "POST /api/v1/auth/register": { email: "x@example.com", name: "X", password: "long-enough-password" },
  "POST /api/v1/auth/token": { email: "x@example.com", password: "x" },
  "PATCH /api/v1/admin/merchants/{id}": { fee_bps: 100 },
  "POST /api/v1/test/clock/advance": { seconds: 60 },
  "POST /api/v1/customers": { name: "X" },
  "PATCH /api/v1/customers/{id}": { name: "Renamed" },
  "POST /api/v1/subscriptions": {
    customer_id: ids.customer,
    payment_method: ids.paymentMethod,
    amount: 100,
    interval: "month",
  },
  "POST /api/v1/invoices": {
    customer: { name: "X", email: "x@example.com" },
    line_items: [{ name: "X", quantity: 1, unit_amount: 1 }],
  },
  "PATCH /api/v1/invoices/{id}": { notes: "changed" },
  "POST /api/v1/payment_links": { amount: 100, description: "x" },
  "POST /api/v1/discounts": { code: "OTHER10", type: "percentage", value: 1000 },
  "PATCH /api/v1/discounts/{id}": { max_uses: 5 },
  "POST /api/v1/discounts/validate": { code: "OWNER10", amount: 1000, currency: "INR" },
  "POST /api/v1/checkout/orders/{order_id}/discount": { key: intruder.api_key, code: "OWNER10" },
});

/** The owner's object for a path's `{param}`, chosen by the resource the path is under. */
function fillPath(path: string): string {
  const objects: Record<string, string> = {
    orders: ids.order,
    checkout: ids.order,
    payments: ids.payment,
    refunds: ids.refund,
    webhooks: ids.delivery,
    webhook_endpoints: ids.endpoint,
    settlements: ids.settlement,
    invoices: ids.invoice,
    payment_links: ids.paymentLink,
    customers: ids.customer,
    payment_methods: ids.paymentMethod,
    subscriptions: ids.subscription,
    discounts: ids.discount,
    admin: owner.merchant_id,
  };
  const resource = path.split("/")[3] ?? "";
  // The public invoice page reads an invoice, not an order.
  if (path.startsWith("/api/v1/checkout/invoices/")) return path.replace("{id}", ids.invoice);
  // The public receipt is a payment's.
  if (path.startsWith("/api/v1/checkout/payments/")) return path.replace("{id}", ids.payment);
  return path.replace(/\{[^}]+\}/g, () => {
    const id = objects[resource];
    if (!id) throw new Error(`authorization.test: no object for the parameters of ${path}; add one`);
    return id;
  });
}

function requestFor(route: DeclaredRoute, auth: Credentials | undefined, key?: string) {
  const body = sampleBodies()[route.key];
  if (route.config.request?.body && body === undefined) {
    throw new Error(`authorization.test: no sample body for ${route.key}; add one`);
  }
  const query = route.config.request?.query && key ? `?key=${key}` : "";
  return api.request(`${fillPath(route.path)}${query}`, {
    method: route.method,
    ...(auth ? { auth } : {}),
    ...(body !== undefined ? { json: body } : {}),
  });
}

const isAdminOnly = (route: DeclaredRoute) => JSON.stringify(route.config.security) === JSON.stringify([{ bearerAuth: [] }]);

describe("the route list comes from the OpenAPI registry", () => {
  it("every declared route is open by name or declares its security, and every open name is declared", () => {
    const routes = declaredRoutes(api);
    expect(routes.length).toBeGreaterThan(30);
    const undeclaredOpen = [...openKeys].filter((key) => !routes.some((route) => route.key === key));
    expect(undeclaredOpen).toEqual([]);
    const unsecured = routes
      .filter((route) => !openKeys.has(route.key) && !route.config.security?.length)
      .map((route) => route.key);
    expect(unsecured).toEqual([]);
  });

  it("every secured route answers 401 without credentials and with a wrong secret", async () => {
    const secured = declaredRoutes(api).filter((route) => !openKeys.has(route.key));
    for (const route of secured) {
      for (const auth of [undefined, { key: owner.api_key, secret: "wrong" }, { bearer: "not-a-token" }]) {
        await expectError(await requestFor(route, auth), 401, "unauthorized").catch((error) => {
          throw new Error(`${route.key} with ${JSON.stringify(auth)}: ${error.message}`);
        });
      }
    }
  });

  it("admin-only routes refuse a merchant", async () => {
    const adminOnly = declaredRoutes(api).filter(isAdminOnly);
    expect(adminOnly.map((route) => route.key)).toContain("GET /api/v1/admin/stats");
    for (const route of adminOnly) {
      await expectError(await requestFor(route, { bearer: owner.access }), 403, "admin_only").catch((error) => {
        throw new Error(`${route.key}: ${error.message}`);
      });
    }
  });
});

describe("object-level authorization: another merchant's objects are 404", () => {
  /** Merchant routes that name an object: in the path, or (POST /payments) in the body. */
  const objectRoutes = () =>
    declaredRoutes(api).filter(
      (route) =>
        !openKeys.has(route.key) &&
        !isAdminOnly(route) &&
        (route.path.includes("{") || route.key === "POST /api/v1/payments" || route.key === "POST /api/v1/subscriptions"),
    );

  it("with the intruder's key + secret and with its Bearer token", async () => {
    expect(objectRoutes().length).toBeGreaterThanOrEqual(10);
    for (const auth of [keyAuth(intruder), { bearer: intruder.access }]) {
      for (const route of objectRoutes()) {
        await expectError(await requestFor(route, auth), 404, "not_found").catch((error) => {
          throw new Error(`${route.key}: ${error.message}`);
        });
      }
    }
  });

  it("through the public endpoints with the intruder's publishable key", async () => {
    for (const key of OPEN_ROUTES.publishableKey) {
      const route = declaredRoutes(api).find((candidate) => candidate.key === key);
      if (!route) throw new Error(`${key} is not declared`);
      await expectError(await requestFor(route, undefined, intruder.api_key), 404, "not_found").catch((error) => {
        throw new Error(`${route.key}: ${error.message}`);
      });
    }
  });

  it("lists never show them, and nothing of the owner's changed", async () => {
    for (const path of ["/api/v1/orders", "/api/v1/payments", "/api/v1/refunds", "/api/v1/webhooks"]) {
      const { data } = await (await api.request(`${path}?limit=100`, { auth: keyAuth(intruder) })).json();
      expect(data.items, path).toEqual([]);
    }
    const { data: order } = await (await api.request(`/api/v1/orders/${ids.order}`, { auth: keyAuth(owner) })).json();
    expect(order.status).toBe("paid");
    const { data: refunds } = await (
      await api.request(`/api/v1/refunds?payment_id=${ids.payment}`, { auth: keyAuth(owner) })
    ).json();
    expect(refunds.items).toHaveLength(1);
    const { data: stats } = await (await api.request("/api/v1/merchants/stats", { auth: keyAuth(intruder) })).json();
    expect(stats.total_orders).toBe(0);
  });

  it("the owner can read them all", async () => {
    for (const path of [
      `/api/v1/orders/${ids.order}`,
      `/api/v1/payments/${ids.payment}`,
      `/api/v1/refunds/${ids.refund}`,
      `/api/v1/webhooks/${ids.delivery}`,
    ]) {
      expect((await api.request(path, { auth: keyAuth(owner) })).status, path).toBe(200);
    }
  });
});
