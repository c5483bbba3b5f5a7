import { createHmac } from "node:crypto";
import { orderStatuses } from "@paygate/contracts/enums";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signAccessToken } from "../src/lib/jwt.js";
import { eventually, expectError, startTestApi, type TestApi } from "./helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
});
afterAll(() => api?.close());

describe("OpenAPI document and reference page", () => {
  it("documents every route from the same definitions", async () => {
    const response = await api.request("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const expected of [
      "POST /auth/register",
      "POST /auth/refresh",
      "PATCH /merchant",
      "POST /orders",
      "GET /orders/{id}/payments",
      "POST /payments",
      "POST /payments/{id}/capture",
      "POST /payments/{id}/refunds",
      "POST /payments/public",
      "POST /payments/{id}/public/authenticate",
      "GET /checkout/orders/{order_id}",
      "GET /webhooks/{id}",
      "DELETE /admin/merchants/{id}",
      "GET /test/jobs/status",
    ]) {
      expect(operations).toContain(expected);
    }
    const createOrder = doc.paths["/orders"].post;
    const bodySchema = JSON.stringify(createOrder.requestBody.content["application/json"].schema);
    expect(bodySchema).toContain("amount");
    expect(bodySchema).toContain('"additionalProperties":false');
    // The 201 documents the order in the success envelope, from the same contract schema.
    const created = createOrder.responses["201"];
    expect(created.description).toBe("The new order");
    const envelope = created.content["application/json"].schema;
    expect(envelope.properties.success).toEqual({ type: "boolean", enum: [true] });
    expect(envelope.properties.data.properties.amount).toEqual({ type: "integer" });
    expect(envelope.properties.data.properties.status.enum).toEqual([...orderStatuses]);
  });

  it("serves a self-contained HTML reference at /docs", async () => {
    const response = await api.request("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain("PayGate API reference");
    expect(html).toContain("/api/v1/payments/{id}/refunds");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/); // nothing fetched from elsewhere
  });

  it("answers every response with a request id", async () => {
    const response = await api.request("/api/v1/orders");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  });
});

describe("Bearer tokens on a route", () => {
  const secret = () => api.config.jwtSecret;
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it.each([
    [
      "alg none",
      () => `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "mer_testmerchant0001", role: "merchant", iat: 1, exp: 9e9 })}.`,
    ],
    [
      "a wrong signature",
      () => signAccessToken({ sub: "mer_testmerchant0001", role: "merchant" }, "not-the-server-secret-but-long-enough"),
    ],
    ["an expired token", () => signAccessToken({ sub: "mer_testmerchant0001", role: "merchant" }, secret(), -1)],
    [
      "a tampered payload",
      () => {
        const [header, , signature] = signAccessToken({ sub: "mer_testmerchant0001", role: "merchant" }, secret()).split(".");
        return `${header}.${b64({ sub: "mer_testmerchant0001", role: "admin", iat: 1, exp: 9e9 })}.${signature}`;
      },
    ],
    [
      "HS256 signed with the secret but claiming another alg",
      () => {
        const input = `${b64({ alg: "HS384", typ: "JWT" })}.${b64({ sub: "mer_testmerchant0001", role: "merchant", iat: 1, exp: 9e9 })}`;
        return `${input}.${createHmac("sha256", secret()).update(input).digest("base64url")}`;
      },
    ],
  ])("%s → 401", async (_name, token) => {
    await expectError(await api.request("/api/v1/merchant", { auth: { bearer: token() } }), 401, "unauthorized");
  });

  it("a valid token for the test merchant works", async () => {
    const token = signAccessToken({ sub: "mer_testmerchant0001", role: "merchant" }, secret());
    expect((await api.request("/api/v1/merchant", { auth: { bearer: token } })).status).toBe(200);
  });
});

describe("outside TEST_MODE", () => {
  it("/test/* is 404 and there is no test merchant", async () => {
    const live = await startTestApi(
      { TEST_MODE: "false", JWT_SECRET: "a-production-secret-of-at-least-32-chars" },
      { startWorkers: false },
    );
    try {
      await expectError(await live.request("/api/v1/test/merchant"), 404, "not_found");
      await expectError(await live.request("/api/v1/test/jobs/status"), 404, "not_found");
      const auth = { key: "key_test_abc123", secret: "secret_test_xyz789" };
      await expectError(await live.request("/api/v1/merchant", { auth }), 401, "unauthorized");
      const merchant = await live.registerMerchant();
      expect(merchant.api_key).toMatch(/^key_live_/);
    } finally {
      await live.close();
    }
  });
});

describe("GET /test/jobs/status", () => {
  it("sees workers running in another runtime sharing the database", async () => {
    const status = async () => (await (await api.request("/api/v1/test/jobs/status")).json()).data;
    expect(await status()).toMatchObject({ worker_status: "stopped", pending: 0, processing: 0 });
    const { createRuntime } = await import("../src/index.js");
    const workers = await createRuntime(api.config, { database: api.runtime.database, startWorkers: true });
    try {
      await eventually(async () => ((await status()).worker_status === "running" ? true : undefined), 5000);
    } finally {
      await workers.close();
    }
    expect((await status()).worker_status).toBe("stopped");
  });
});
