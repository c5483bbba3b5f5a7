import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEndpoints } from "../src/db/schema/index.js";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { call, createEndpoint } from "./webhook-endpoints-helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
});
afterAll(() => api?.close());

const post = (merchant: MerchantCredentials, json: unknown) =>
  api.request("/api/v1/webhook_endpoints", { method: "POST", auth: keyAuth(merchant), json });
const storedEndpoints = (merchant: MerchantCredentials) =>
  api.runtime.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.merchantId, merchant.merchant_id));

describe("webhook endpoints: bad input is a 400 and writes nothing", () => {
  it('refuses unknown event types, a mixed "*", an empty list, unknown fields and bad URLs', async () => {
    const merchant = await api.registerMerchant();
    const url = "http://127.0.0.1:9/hook";
    const cases: [unknown, string, string][] = [
      [{ url, events: ["order.payed"] }, "validation_error", "events.0"],
      [{ url, events: ["payment.captured", "refund.done"] }, "validation_error", "events.1"],
      [{ url, events: ["ping"] }, "validation_error", "events.0"],
      [{ url, events: ["*", "order.paid"] }, "validation_error", "events"],
      [{ url, events: [] }, "validation_error", "events"],
      [{ url, events: "order.paid" }, "validation_error", "events"],
      [{ url, status: "disabled" }, "validation_error", "status"],
      [{ url, secret: "whsec_mine" }, "validation_error", "secret"],
      [{ url, description: "x".repeat(201) }, "validation_error", "description"],
      [{ events: ["*"] }, "validation_error", "url"],
      [{ url: "not a url" }, "validation_error", "url"],
      [{ url: "ftp://127.0.0.1/x" }, "webhook_url_refused", "url"],
      [{ url: "file:///etc/passwd" }, "webhook_url_refused", "url"],
      [{ url: "http://user:pw@127.0.0.1/x" }, "webhook_url_refused", "url"],
    ];
    for (const [body, type, param] of cases) {
      const error = await expectError(await post(merchant, body), 400, type);
      expect(error.param, JSON.stringify(body)).toBe(param);
    }
    expect(await storedEndpoints(merchant)).toEqual([]);
  });

  it("refuses bad patches and malformed ids, leaving the endpoint as it was", async () => {
    const merchant = await api.registerMerchant();
    const endpoint = await createEndpoint(api, merchant, { url: "http://127.0.0.1:9/a", events: ["order.paid"] });
    const before = await storedEndpoints(merchant);
    const patch = (json: unknown) =>
      api.request(`/api/v1/webhook_endpoints/${endpoint.id}`, { method: "PATCH", auth: keyAuth(merchant), json });
    for (const body of [{}, { status: "deleted" }, { events: ["nope"] }, { url: null }, { id: "we_other" }]) {
      await expectError(await patch(body), 400, "validation_error");
    }
    await expectError(await patch({ url: "gopher://127.0.0.1:70/x" }), 400, "webhook_url_refused");
    expect(await storedEndpoints(merchant)).toEqual(before);

    for (const [method, path] of [
      ["GET", "/webhook_endpoints/order_123456789012"],
      ["PATCH", "/webhook_endpoints/we_"],
      ["DELETE", "/webhook_endpoints/we_%00bad"],
      ["POST", "/webhook_endpoints/nope/test"],
      ["POST", "/webhook_endpoints/we_x/rotate-secret"],
    ] as const) {
      const { status, body } = await call(api, merchant, method, path, method === "PATCH" ? { status: "enabled" } : undefined);
      expect(status, `${method} ${path}`).toBe(400);
      expect(body.exception.type).toBe("validation_error");
    }
    for (const [method, path] of [
      ["GET", "/webhook_endpoints/we_doesnotexist0000"],
      ["POST", "/webhook_endpoints/we_doesnotexist0000/test"],
    ] as const) {
      expect((await call(api, merchant, method, path)).status).toBe(404);
    }
    expect(await storedEndpoints(merchant)).toEqual(before);
  });

  it("refuses malformed delivery filters", async () => {
    const merchant = await api.registerMerchant();
    for (const query of [
      "endpoint_id=",
      "endpoint_id=pay_123456789012",
      "order_id=we_123456789012",
      "payment_id=x",
      "event_type=",
    ]) {
      const { status, body } = await call(api, merchant, "GET", `/webhooks?${query}`);
      expect(status, query).toBe(400);
      expect(body.exception.type).toBe("validation_error");
    }
    // A well-formed filter that matches nothing is an empty page, not an error.
    const { status, body } = await call(api, merchant, "GET", "/webhooks?event_type=order.payed&endpoint_id=we_doesnotexist0000");
    expect(status).toBe(200);
    expect(body.data.items).toEqual([]);
  });
});
