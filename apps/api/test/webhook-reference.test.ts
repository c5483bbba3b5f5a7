import { readFileSync } from "node:fs";
import { eventCatalogue, eventTypes, webhookBodyTypes } from "@paygate/contracts";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "../src/db/schema/index.js";
import { renderEventCatalogue } from "../src/routes/webhook-catalogue-markdown.js";
import { webhookBodySchema } from "../src/routes/webhook-reference.js";
import { eventually, keyAuth, startTestApi, type TestApi } from "./helpers.js";
import { pay } from "./webhooks-receiver.js";

/** The webhook reference (SPEC §8) lists every event type, and its samples match what is sent. */
const docsPath = new URL("../../../docs/webhooks.md", import.meta.url);
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** The keys of a JSON value at every level (leaves, and the free-form `notes`, become `true`). */
const keysOf = (value: unknown): unknown =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === "notes" ? true : keysOf(inner)]))
    : true;

describe("webhook reference", () => {
  it("openapi.json's webhooks list every event type of the contracts, and ping, with body schema and description", async () => {
    const doc = await (await api.request("/api/v1/openapi.json")).json();
    type Operation = {
      summary: string;
      description: string;
      requestBody: { content: { "application/json": { schema: unknown; example: unknown } } };
    };
    const webhooks = doc.webhooks as Record<string, { post: Operation }>;
    expect(Object.keys(webhooks).sort()).toEqual([...webhookBodyTypes].sort());
    for (const type of eventTypes) expect(Object.keys(webhooks)).toContain(type);
    for (const type of webhookBodyTypes) {
      const operation = webhooks[type]?.post;
      expect(operation?.description, type).toContain(eventCatalogue[type].description);
      expect(operation?.description).toContain("webhook-id");
      const media = operation?.requestBody.content["application/json"];
      expect(media?.example).toEqual(eventCatalogue[type].sample);
      const schema = JSON.stringify(media?.schema);
      expect(schema).toContain(`"${type}"`);
      expect(schema).toContain('"data"');
    }
    expect(webhooks["order.paid"]?.post.summary).toMatch(/fulfil/i);
    const html = await (await api.request("/docs")).text();
    for (const type of webhookBodyTypes) expect(html).toContain(`<code>${type}</code>`);
  });

  it("every sample is a valid body of its type, with no field the schema does not declare", () => {
    for (const type of webhookBodyTypes) {
      const { sample } = eventCatalogue[type];
      expect(sample.type).toBe(type);
      const parsed = webhookBodySchema(type).parse(sample);
      expect(parsed, type).toEqual(sample);
    }
  });

  it("docs/webhooks.md holds the generated catalogue (run `pnpm --filter @paygate/api docs:webhooks`)", () => {
    const markdown = readFileSync(docsPath, "utf8");
    expect(markdown).toContain(renderEventCatalogue());
    for (const type of webhookBodyTypes) expect(markdown).toContain(`### \`${type}\``);
    expect(markdown).toMatch(/Fulfil an order on `order\.paid`/);
    for (const phrase of ["webhook-id", "X-Webhook-Signature", "standardwebhooks", "410", "2 hours"]) {
      expect(markdown).toContain(phrase);
    }
  });

  it("the samples have the shape of real events", async () => {
    const merchant = await api.registerMerchant();
    const { paymentId } = await pay(api, merchant);
    await eventually(async () => {
      const response = await api.request(`/api/v1/payments/${paymentId}`, { auth: keyAuth(merchant) });
      return (await response.json()).data.status === "captured" ? true : undefined;
    });
    const refund = await api.request(`/api/v1/payments/${paymentId}/refunds`, {
      method: "POST",
      auth: keyAuth(merchant),
      json: { amount: 100 },
    });
    expect(refund.status).toBe(201);
    const real = await eventually(async () => {
      const rows = await api.runtime.database.db.select().from(events).where(eq(events.merchantId, merchant.merchant_id));
      return rows.length >= 4 ? rows : undefined;
    });
    const seen = new Set<string>();
    for (const row of real) {
      const type = row.type as keyof typeof eventCatalogue;
      seen.add(type);
      const sample = eventCatalogue[type].sample;
      // Same keys at every level: a field sent but not in the sample (or the reverse) fails.
      expect(keysOf(row.payload), type).toEqual(keysOf(sample));
    }
    expect([...seen].sort()).toEqual(["order.paid", "payment.authorized", "payment.captured", "refund.processed"]);
  });
});
