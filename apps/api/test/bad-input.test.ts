import { currencies, MAX_AMOUNT } from "@paygate/contracts/currency";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

/** Every malformed request must be a 4xx in the envelope — never a 500 — and write nothing. */
async function expect4xx(response: Response) {
  const text = await response.text();
  expect(response.status, text).toBeGreaterThanOrEqual(400);
  expect(response.status, text).toBeLessThan(500);
  const body = JSON.parse(text);
  expect(body.success).toBe(false);
  expect(body.exception.request_id).toMatch(/^req_/);
  expect(typeof body.exception.code).toBe("number");
  return body.exception;
}

const isCurrency = (code: string) => currencies.some((currency) => currency === code);

const counts = async () => {
  const db = api.runtime.database.db;
  return {
    orders: (await db.query.orders.findMany()).length,
    merchants: (await db.query.merchants.findMany()).length,
    payments: (await db.query.payments.findMany()).length,
  };
};

const raw = (path: string, body: string, headers: Record<string, string> = {}) =>
  api.request(path, {
    method: "POST",
    auth: keyAuth(merchant),
    body,
    headers: { "Content-Type": "application/json", ...headers },
  });

describe("POST /orders rejects bad input", () => {
  const cases: [string, string][] = [
    ["invalid JSON", "{amount: 1"],
    ["empty body", ""],
    ["null", "null"],
    ["an array", "[1,2]"],
    ["a string amount", '{"amount":"500"}'],
    ["a negative amount", '{"amount":-1}'],
    ["a zero amount", '{"amount":0}'],
    ["a fractional amount", '{"amount":100.5}'],
    ["a float-looking JPY amount", '{"amount":1500.25,"currency":"JPY"}'],
    ["a huge amount", '{"amount":1e300}'],
    ["an unsafe integer", '{"amount":90071992547409930}'],
    ["an unknown currency", '{"amount":100,"currency":"XYZ"}'],
    ["a lowercase currency", '{"amount":100,"currency":"inr"}'],
    ["an unknown field", '{"amount":100,"colour":"red"}'],
    ["read-only status", '{"amount":100,"status":"paid"}'],
    ["read-only merchant_id", '{"amount":100,"merchant_id":"mer_someoneelse01"}'],
    ["read-only amount_paid", '{"amount":100,"amount_paid":100}'],
    [
      "too many notes",
      JSON.stringify({ amount: 100, notes: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, "v"])) }),
    ],
    ["a non-string note", '{"amount":100,"notes":{"a":1}}'],
    ["a long receipt", JSON.stringify({ amount: 100, receipt: "r".repeat(41) })],
  ];

  it.each(cases)("%s → 400, nothing written", async (_name, body) => {
    const before = await counts();
    const error = await expect4xx(await raw("/api/v1/orders", body));
    expect(error.type).toBe("validation_error");
    expect(await counts()).toEqual(before);
  });

  it("oversize body → 413 payload_too_large", async () => {
    const body = JSON.stringify({ amount: 100, receipt: "x".repeat(120 * 1024) });
    const error = await expect4xx(await raw("/api/v1/orders", body));
    expect(error.type).toBe("payload_too_large");
  });

  it("a non-JSON content type is refused with 415 unsupported_media_type", async () => {
    const before = await counts();
    const response = await api.request("/api/v1/orders", {
      method: "POST",
      auth: keyAuth(merchant),
      body: "amount=100",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(415);
    expect(await expect4xx(response)).toMatchObject({ type: "unsupported_media_type", code: 1029 });
    expect(await counts()).toEqual(before);
  });
});

describe("ids and queries", () => {
  it.each([
    "/api/v1/orders/123",
    "/api/v1/orders/pay_abcdefghijkl",
    "/api/v1/orders/order_%27%3Bdrop%20table",
    "/api/v1/payments/order_abcdefghijkl",
    "/api/v1/refunds/x",
    "/api/v1/webhooks/evt_abcdefghijkl",
  ])("malformed id %s → 400", async (path) => {
    expect((await expect4xx(await api.request(path, { auth: keyAuth(merchant) }))).type).toBe("validation_error");
  });

  it.each([
    "/api/v1/orders?limit=1000000",
    "/api/v1/orders?limit=0",
    "/api/v1/orders?limit=abc",
    "/api/v1/orders?offset=-1",
    "/api/v1/orders?status=shipped",
    "/api/v1/orders?sort=amount",
    "/api/v1/payments?status=done",
    "/api/v1/payments?order_id=nope",
  ])("bad query %s → 400", async (path) => {
    expect((await expect4xx(await api.request(path, { auth: keyAuth(merchant) }))).type).toBe("validation_error");
  });

  it("an unknown route is a 404 in the envelope", async () => {
    expect((await expect4xx(await api.request("/api/v1/nothing-here"))).type).toBe("not_found");
  });

  it("a bad Idempotency-Key is a 400", async () => {
    const error = await expect4xx(await raw("/api/v1/orders", '{"amount":100}', { "Idempotency-Key": "x".repeat(256) }));
    expect(error.param).toBe("Idempotency-Key");
  });
});

describe("generated malformed bodies", () => {
  const validAmount = fc.integer({ min: 1, max: 1000 });
  // Every sample of these is malformed by construction, so every one is asserted.
  const malformed = fc.oneof(
    fc.record({
      amount: fc.oneof(
        fc.double().filter((n) => !(Number.isInteger(n) && n >= 1 && n <= MAX_AMOUNT)),
        fc.string(),
        fc.integer({ max: 0 }),
        fc.constant(null),
      ),
    }),
    fc.record({ amount: validAmount, currency: fc.string({ maxLength: 5 }).filter((code) => !isCurrency(code)) }),
    // An undefined value would vanish from the JSON and leave a valid body.
    fc.record({ amount: validAmount, extra: fc.anything().filter((value) => value !== undefined) }),
  );
  // Arbitrary values and objects: one may be a valid order by chance, which is skipped.
  const anything = fc.oneof(fc.anything(), fc.dictionary(fc.string({ maxLength: 8 }), fc.anything()));

  const postOrder = async (body: unknown) => {
    const response = await raw("/api/v1/orders", JSON.stringify(body) ?? "undefined");
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  };

  it("a thousand bodies malformed by construction: all 4xx, nothing written", async () => {
    const before = await counts();
    await fc.assert(fc.asyncProperty(malformed, postOrder), { numRuns: 1000 });
    expect((await counts()).orders).toBe(before.orders);
  });

  it("a thousand arbitrary POST /orders bodies: all 4xx, nothing written", async () => {
    const before = await counts();
    let asserted = 0;
    await fc.assert(
      fc.asyncProperty(anything, async (body) => {
        const looksValid =
          typeof body === "object" &&
          body !== null &&
          !Array.isArray(body) &&
          Number.isInteger((body as { amount?: unknown }).amount);
        if (looksValid) return;
        asserted += 1;
        await postOrder(body);
      }),
      { numRuns: 1000 },
    );
    // The skip is for rare accidents only: nearly every sample must have been asserted.
    expect(asserted).toBeGreaterThan(950);
    expect((await counts()).orders).toBe(before.orders);
  });

  it("a few thousand malformed POST /auth/register bodies: all 4xx, no account created", async () => {
    const before = await counts();
    const registerJunk = fc.oneof(
      fc.anything(),
      fc.record({ email: fc.string(), name: fc.anything(), password: fc.string({ maxLength: 7 }) }),
      fc.record({ email: fc.emailAddress(), name: fc.string({ minLength: 1 }), password: fc.string({ maxLength: 7 }) }),
      fc.record({
        email: fc.emailAddress(),
        name: fc.constant("n"),
        password: fc.constant("long-enough-pw"),
        role: fc.anything().filter((value) => value !== undefined),
      }),
    );
    await fc.assert(
      fc.asyncProperty(registerJunk, async (body) => {
        const response = await api.request("/api/v1/auth/register", {
          method: "POST",
          body: JSON.stringify(body) ?? "undefined",
          headers: { "Content-Type": "application/json" },
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 2000 },
    );
    expect((await counts()).merchants).toBe(before.merchants);
  });
});
