import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi, validCard } from "./helpers.js";
import { capturedPayment, createOrder } from "./payment-helpers.js";

/**
 * Postgres cannot store a NUL byte in text or jsonb, and an unpaired UTF-16 surrogate is not
 * valid UTF-8: such a string in any request field must be a 400 naming the field, never a 500,
 * and write nothing (SPEC §3).
 */

let api: TestApi;
let merchant: MerchantCredentials;
let orderId: string;
let paymentId: string;

beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
  orderId = (await createOrder(api, merchant, 500)).id;
  paymentId = (await capturedPayment(api, merchant, 900)).payment.id;
});
afterAll(() => api?.close());

const unsafe = { "a NUL byte": "a\u0000b", "an unpaired surrogate": "a\uD800b" } as const;

const rowCounts = async () => {
  const db = api.runtime.database.db;
  return {
    merchants: (await db.query.merchants.findMany()).length,
    orders: (await db.query.orders.findMany()).length,
    payments: (await db.query.payments.findMany()).length,
    refunds: (await db.query.refunds.findMany()).length,
  };
};

type Case = { field: string; param: string; nulOnly?: true; send: (text: string) => Promise<Response> };

const cases = (): Case[] => {
  const auth = keyAuth(merchant);
  const post = (path: string, json: unknown, withAuth = true) =>
    api.request(path, { method: "POST", json, ...(withAuth ? { auth } : {}) });
  const upi = { order_id: orderId, method: "upi", vpa: "success@paygate" };
  return [
    { field: "order receipt", param: "receipt", send: (text) => post("/api/v1/orders", { amount: 100, receipt: text }) },
    { field: "order note value", param: "notes.k", send: (text) => post("/api/v1/orders", { amount: 100, notes: { k: text } }) },
    { field: "order note key", param: "notes", send: (text) => post("/api/v1/orders", { amount: 100, notes: { [text]: "v" } }) },
    {
      field: "register name",
      param: "name",
      send: (text) => post("/api/v1/auth/register", { email: "nul@example.com", name: text, password: "long-enough-pw" }, false),
    },
    {
      field: "register email",
      param: "email",
      send: (text) =>
        post("/api/v1/auth/register", { email: `${text}@example.com`, name: "N", password: "long-enough-pw" }, false),
    },
    {
      field: "register password",
      param: "password",
      send: (text) =>
        post("/api/v1/auth/register", { email: "pw@example.com", name: "N", password: `long-enough-${text}` }, false),
    },
    {
      field: "webhook url",
      param: "webhook_url",
      send: (text) =>
        api.request("/api/v1/merchant", { method: "PATCH", auth, json: { webhook_url: `https://example.com/${text}` } }),
    },
    {
      field: "merchant name",
      param: "name",
      send: (text) => api.request("/api/v1/merchant", { method: "PATCH", auth, json: { name: text } }),
    },
    {
      field: "login email",
      param: "email",
      send: (text) => post("/api/v1/auth/token", { email: `${text}@example.com`, password: "x" }, false),
    },
    {
      field: "refund reason",
      param: "reason",
      send: (text) => post(`/api/v1/payments/${paymentId}/refunds`, { amount: 1, reason: text }),
    },
    {
      field: "payment email",
      param: "email",
      send: (text) => post("/api/v1/payments", { ...upi, email: `${text}@example.com` }),
    },
    {
      field: "payment description (vpa)",
      param: "vpa",
      send: (text) => post("/api/v1/payments", { ...upi, vpa: `x${text}@paygate` }),
    },
    {
      field: "card holder name",
      param: "card.name",
      send: (text) => post("/api/v1/payments", { order_id: orderId, method: "card", card: { ...validCard, name: text } }),
    },
    {
      field: "publishable key (body)",
      param: "key",
      send: (text) => post("/api/v1/payments/public", { ...upi, key: `key_${text}` }, false),
    },
    {
      // A query string can carry a NUL (%00); a lone surrogate has no UTF-8 encoding to send.
      field: "publishable key (query)",
      param: "key",
      nulOnly: true,
      send: () => api.request(`/api/v1/checkout/orders/${orderId}?key=key_%00`),
    },
  ];
};

describe("a NUL byte or an unpaired surrogate in a request string is a 400 naming the field", () => {
  for (const [kind, text] of Object.entries(unsafe)) {
    it(`${kind}: every field kind`, async () => {
      for (const { field, param, send } of cases()) {
        const before = await rowCounts();
        if (field === "publishable key (query)" && !text.includes("\u0000")) continue;
        const error = await expectError(await send(text), 400, "validation_error").catch((failure) => {
          throw new Error(`${field}: ${failure.message}`);
        });
        expect(error.param, field).toBe(param);
        expect(await rowCounts(), field).toEqual(before);
      }
    });
  }

  it("a well-formed surrogate pair (an emoji) is still accepted", async () => {
    const response = await api.request("/api/v1/orders", {
      method: "POST",
      auth: keyAuth(merchant),
      json: { amount: 100, receipt: "r-😀", notes: { "😀": "😀" } },
    });
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data.receipt).toBe("r-😀");
    expect(data.notes).toEqual({ "😀": "😀" });
  });
});
