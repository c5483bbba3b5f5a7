import { createHmac, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { signatureHeaders } from "./webhook-signature.js";

const secret = () => `whsec_${randomBytes(24).toString("base64")}`;

describe("signatureHeaders", () => {
  const body = JSON.stringify({ id: "evt_1", type: "payment.captured", created_at: "2026-01-01T00:00:00.000Z", data: {} });

  it("produces Standard Webhooks headers the official library verifies, and the hex body HMAC", () => {
    const current = secret();
    const headers = signatureHeaders(
      { webhookSecret: current, previousWebhookSecret: null, previousWebhookSecretExpiresAt: null },
      "evt_1",
      body,
    );
    expect(headers["webhook-id"]).toBe("evt_1");
    expect(Number(headers["webhook-timestamp"])).toBeCloseTo(Date.now() / 1000, -1);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers["X-Webhook-Signature"]).toBe(createHmac("sha256", current).update(body).digest("hex"));
    expect(() => new Webhook(secret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });

  it("signs with both secrets while the previous one is in its overlap, then with the current one only", () => {
    const [current, previous] = [secret(), secret()];
    const now = new Date();
    const overlap = {
      webhookSecret: current,
      previousWebhookSecret: previous,
      previousWebhookSecretExpiresAt: new Date(now.getTime() + 1000),
    };
    const during = signatureHeaders(overlap, "evt_2", body, now);
    expect(during["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, during)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, during)).toEqual(JSON.parse(body));

    const after = signatureHeaders(
      { ...overlap, previousWebhookSecretExpiresAt: new Date(now.getTime() - 1) },
      "evt_2",
      body,
      now,
    );
    expect(after["webhook-signature"]?.split(" ")).toHaveLength(1);
    expect(() => new Webhook(previous).verify(body, after)).toThrow();
  });
});
