import { createHmac, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { WebhookVerificationError } from "./errors.js";
import { verifyWebhook } from "./webhooks.js";

const secret = `whsec_${randomBytes(24).toString("base64")}`;
const otherSecret = `whsec_${randomBytes(24).toString("base64")}`;
const now = Date.UTC(2030, 0, 1, 12, 0, 0);
const nowSeconds = Math.floor(now / 1000);

const payment = {
  id: "pay_abcdefghijklmnopqrstu",
  order_id: "order_abcdefghijklmnopqrstu",
  amount: 50000,
  currency: "INR",
  method: "card",
  status: "captured",
  captured: true,
  amount_refunded: 0,
  card: { last4: "4242", network: "visa", expiry_month: 12, expiry_year: 2034 },
  vpa: null,
  bank: null,
  wallet: null,
  email: null,
  contact: null,
  error_code: null,
  error_description: null,
  receipt_number: "RCPT-000001",
  payment_method_id: null,
  created_at: "2030-01-01T11:59:00.000Z",
  updated_at: "2030-01-01T12:00:00.000Z",
};
const eventId = "evt_abcdefghijklmnopqrstu";
const body = JSON.stringify({ id: eventId, type: "payment.captured", created_at: "2030-01-01T12:00:00.000Z", data: { payment } });

function sign(key: string, id: string, timestamp: number, payload: string) {
  const bytes = Buffer.from(key.slice("whsec_".length), "base64");
  return `v1,${createHmac("sha256", bytes).update(`${id}.${timestamp}.${payload}`).digest("base64")}`;
}

function headersFor(overrides: Record<string, string> = {}, timestamp = nowSeconds) {
  return {
    "webhook-id": eventId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, eventId, timestamp, body),
    ...overrides,
  };
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  throw new Error("expected a WebhookVerificationError");
}

describe("verifyWebhook", () => {
  it("returns the typed event for a valid signature (string, bytes and Headers)", () => {
    const event = verifyWebhook(body, headersFor(), secret, { now });
    expect(event.type).toBe("payment.captured");
    expect("payment" in event.data && event.data.payment?.amount).toBe(50000);
    expect(verifyWebhook(new TextEncoder().encode(body), new Headers(headersFor()), secret, { now }).id).toBe(eventId);
  });

  it("accepts what the standardwebhooks library signs", () => {
    const signature = new Webhook(secret).sign(eventId, new Date(now), body);
    const event = verifyWebhook(body, headersFor({ "webhook-signature": signature }), secret, { now });
    expect(event.id).toBe(eventId);
  });

  it("accepts any one of several space-separated signatures (secret rotation)", () => {
    const both = `${sign(otherSecret, eventId, nowSeconds, body)} v1a,ignored ${sign(secret, eventId, nowSeconds, body)}`;
    expect(verifyWebhook(body, headersFor({ "webhook-signature": both }), secret, { now }).id).toBe(eventId);
  });

  it("rejects a signature made with another secret or over another body", () => {
    const wrongKey = sign(otherSecret, eventId, nowSeconds, body);
    expect(reasonOf(() => verifyWebhook(body, headersFor({ "webhook-signature": wrongKey }), secret, { now }))).toBe(
      "no_matching_signature",
    );
    const tampered = body.replace("50000", "5");
    expect(reasonOf(() => verifyWebhook(tampered, headersFor(), secret, { now }))).toBe("no_matching_signature");
  });

  it("rejects a signature whose id was swapped", () => {
    const headers = headersFor({ "webhook-id": "evt_zzzzzzzzzzzzzzzzzzzzz" });
    expect(reasonOf(() => verifyWebhook(body, headers, secret, { now }))).toBe("no_matching_signature");
  });

  it("enforces the 5-minute tolerance both ways", () => {
    const justInside = nowSeconds - 299;
    expect(verifyWebhook(body, headersFor({}, justInside), secret, { now }).id).toBe(eventId);
    expect(reasonOf(() => verifyWebhook(body, headersFor({}, nowSeconds - 301), secret, { now }))).toBe("timestamp_too_old");
    expect(reasonOf(() => verifyWebhook(body, headersFor({}, nowSeconds + 301), secret, { now }))).toBe("timestamp_too_new");
    expect(verifyWebhook(body, headersFor({}, nowSeconds - 3600), secret, { now, toleranceSeconds: 7200 }).id).toBe(eventId);
  });

  it("rejects missing headers, a malformed timestamp and an unusable secret", () => {
    const { "webhook-signature": _dropped, ...withoutSignature } = headersFor();
    expect(reasonOf(() => verifyWebhook(body, withoutSignature, secret, { now }))).toBe("missing_headers");
    expect(reasonOf(() => verifyWebhook(body, headersFor({ "webhook-timestamp": "soon" }), secret, { now }))).toBe(
      "invalid_timestamp",
    );
    expect(reasonOf(() => verifyWebhook(body, headersFor(), "whsec_", { now }))).toBe("invalid_secret");
  });

  it("rejects a correctly signed body that is not a PayGate event", () => {
    const notEvent = JSON.stringify({ id: eventId, hello: "world" });
    const headers = headersFor({ "webhook-signature": sign(secret, eventId, nowSeconds, notEvent) });
    expect(reasonOf(() => verifyWebhook(notEvent, headers, secret, { now }))).toBe("invalid_payload");
  });

  it("finds headers case-insensitively in a plain record", () => {
    const upper = Object.fromEntries(Object.entries(headersFor()).map(([name, value]) => [name.toUpperCase(), value]));
    expect(verifyWebhook(body, upper, secret, { now }).id).toBe(eventId);
  });
});
