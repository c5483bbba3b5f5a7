import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, TEST_KEY, TEST_SECRET, type TestApi } from "./helpers.js";
import { capturedPayment, createRefund } from "./payment-helpers.js";

/**
 * Issue 19 item 6: a bad request says what to change — the content type, the unknown field by
 * name, the id's expected shape in plain grammar, the refundable remainder — and writes nothing.
 */
let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const counts = async () => {
  const db = api.runtime.database.db;
  return {
    orders: (await db.query.orders.findMany()).length,
    payments: (await db.query.payments.findMany()).length,
    refunds: (await db.query.refunds.findMany()).length,
    merchants: (await db.query.merchants.findMany()).length,
  };
};

/** A request whose body is sent as is, with exactly the headers given (no JSON helper). */
const send = (method: string, path: string, body: string, headers: Record<string, string>) =>
  api.request(path, { method, auth: keyAuth(merchant), body, headers });

describe("a body that is not declared JSON → 415 unsupported_media_type", () => {
  const orderJson = JSON.stringify({ amount: 500 });
  it.each([
    ["no Content-Type", {}],
    ["text/plain", { "Content-Type": "text/plain" }],
    ["a form", { "Content-Type": "application/x-www-form-urlencoded" }],
    ["multipart", { "Content-Type": "multipart/form-data; boundary=x" }],
  ])("POST /orders with %s", async (_name, headers) => {
    const before = await counts();
    const error = await expectError(await send("POST", "/api/v1/orders", orderJson, headers), 415, "unsupported_media_type");
    expect(error).toMatchObject({
      code: 1029,
      param: "Content-Type",
      description: "Send JSON with Content-Type: application/json",
    });
    expect(await counts()).toEqual(before);
  });

  it("PATCH /merchant without Content-Type changes nothing", async () => {
    const error = await expectError(
      await send("PATCH", "/api/v1/merchant", JSON.stringify({ name: "Renamed" }), {}),
      415,
      "unsupported_media_type",
    );
    expect(error.description).toContain("Content-Type: application/json");
    const me = await (await api.request("/api/v1/merchant", { auth: keyAuth(merchant) })).json();
    expect(me.data.name).toBe("Shop");
  });

  it("the checkout's POST /payments/public without Content-Type creates no payment", async () => {
    const order = await (
      await api.request("/api/v1/orders", { method: "POST", auth: keyAuth(merchant), json: { amount: 500 } })
    ).json();
    const before = await counts();
    const body = JSON.stringify({ key: merchant.api_key, order_id: order.data.id, method: "upi", vpa: "success@paygate" });
    const response = await api.request("/api/v1/payments/public", { method: "POST", body });
    await expectError(response, 415, "unsupported_media_type");
    expect(await counts()).toEqual(before);
  });

  it("JSON with a charset parameter is still JSON", async () => {
    const response = await send("POST", "/api/v1/orders", JSON.stringify({ amount: 500 }), {
      "Content-Type": "application/json; charset=utf-8",
    });
    expect(response.status).toBe(201);
  });

  it("the OpenAPI document declares the 415 answer", async () => {
    const document = await (await api.request("/api/v1/openapi.json")).json();
    expect(Object.keys(document.paths["/orders"].post.responses)).toContain("415");
  });
});

describe("unknown fields are named in param", () => {
  it("a top-level unknown field: param foo, 'Unknown field: foo'", async () => {
    const before = await counts();
    const response = await api.request("/api/v1/orders", {
      method: "POST",
      auth: keyAuth(merchant),
      json: { amount: 500, foo: "bar" },
    });
    const error = await expectError(response, 400, "validation_error");
    expect(error).toMatchObject({ param: "foo", description: "Unknown field: foo" });
    expect(await counts()).toEqual(before);
  });

  it("a nested unknown field is named by its path (card.pin)", async () => {
    const order = await (
      await api.request("/api/v1/orders", { method: "POST", auth: keyAuth(merchant), json: { amount: 500 } })
    ).json();
    const before = await counts();
    const response = await api.request("/api/v1/payments", {
      method: "POST",
      auth: keyAuth(merchant),
      json: {
        order_id: order.data.id,
        method: "card",
        card: { number: "4242424242424242", expiry: "12/34", cvv: "123", pin: "1" },
      },
    });
    const error = await expectError(response, 400, "validation_error");
    expect(error).toMatchObject({ param: "card.pin", description: "Unknown field: card.pin" });
    expect(await counts()).toEqual(before);
  });

  it("several unknown fields: the first in param, all in the description", async () => {
    const response = await api.request("/api/v1/orders", {
      method: "POST",
      auth: keyAuth(merchant),
      json: { amount: 500, colour: "red", size: "L" },
    });
    const error = await expectError(response, 400, "validation_error");
    expect(error).toMatchObject({ param: "colour", description: "Unknown fields: colour, size" });
  });
});

describe("malformed ids say what an id looks like, in plain grammar", () => {
  it.each([
    ["/api/v1/orders/123", "id: must be an order id like order_…"],
    ["/api/v1/payments/order_abcdefghijkl", "id: must be a payment id like pay_…"],
    [`/api/v1/checkout/orders/nope?key=${TEST_KEY}`, "order_id: must be an order id like order_…"],
  ])("%s", async (path, description) => {
    const error = await expectError(await api.request(path, { auth: keyAuth(merchant) }), 400, "validation_error");
    expect(error.description).toBe(description);
  });
});

describe("refund_exceeds_captured names the remaining refundable amount", () => {
  it("too large a refund: the amount asked and the remainder, in minor units and formatted", async () => {
    const { payment } = await capturedPayment(api, merchant, 50_000);
    await createRefund(api, merchant, payment.id, 20_000);
    const before = await counts();
    const response = await api.request(`/api/v1/payments/${payment.id}/refunds`, {
      method: "POST",
      auth: keyAuth(merchant),
      json: { amount: 40_000 },
    });
    const error = await expectError(response, 409, "refund_exceeds_captured");
    expect(error).toMatchObject({
      param: "amount",
      description: "A refund of 40000 exceeds the remaining refundable amount of 30000 (₹300.00)",
    });
    expect(await counts()).toEqual(before);
  });
});

describe("Bearer with an API credential → 401 with a hint", () => {
  it.each([
    ["an API secret", `Bearer ${TEST_SECRET}`, "not an API secret"],
    ["a publishable key", `Bearer ${TEST_KEY}`, "not an API key"],
  ])("%s", async (_name, authorization, says) => {
    const before = await counts();
    const response = await api.request("/api/v1/orders", {
      method: "POST",
      json: { amount: 500 },
      headers: { Authorization: authorization },
    });
    const error = await expectError(response, 401, "unauthorized");
    expect(error.description).toContain(says);
    expect(error.description).toContain("X-Api-Key and X-Api-Secret");
    expect(error.description).toContain("HTTP Basic");
    expect(error.param).toBe("Authorization");
    expect(await counts()).toEqual(before);
  });

  it("the hinted ways work: headers and Basic", async () => {
    const basic = `Basic ${Buffer.from(`${TEST_KEY}:${TEST_SECRET}`).toString("base64")}`;
    expect((await api.request("/api/v1/orders", { headers: { Authorization: basic } })).status).toBe(200);
    expect((await api.request("/api/v1/orders", { auth: { key: TEST_KEY, secret: TEST_SECRET } })).status).toBe(200);
  });

  it("a malformed access token keeps its own message", async () => {
    const error = await expectError(
      await api.request("/api/v1/orders", { headers: { Authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x" } }),
      401,
      "unauthorized",
    );
    expect(error.description).toBe("The access token is invalid or expired");
  });
});
