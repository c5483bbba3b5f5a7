import { createHmac, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { retryDelayMs, signatureHeaders } from "./webhook-delivery.js";

const secret = () => `whsec_${randomBytes(24).toString("base64")}`;

describe("retryDelayMs", () => {
  const live = { webhookRetryTestIntervals: false };
  const test = { webhookRetryTestIntervals: true };

  it.each([
    [1, 60_000, 5000],
    [2, 300_000, 10_000],
    [3, 1_800_000, 15_000],
    [4, 7_200_000, 20_000],
  ])("waits after attempt %i: %i ms (test schedule %i ms), ±5 %% jitter", (attempt, base, testBase) => {
    expect(retryDelayMs(live, attempt, () => 0.5)).toBe(base);
    expect(retryDelayMs(live, attempt, () => 0)).toBe(base * 0.95);
    expect(retryDelayMs(live, attempt, () => 1)).toBe(base * 1.05);
    expect(retryDelayMs(test, attempt, () => 0.5)).toBe(testBase);
  });

  it("jitters: two retries of one outage rarely land on the same millisecond", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(live, 1)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(Math.abs(delay - 60_000)).toBeLessThanOrEqual(3000);
  });
});

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
    expect(new Webhook(current).verify(body, headers)).toMatchObject({ id: "evt_1" });
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
    expect(new Webhook(current).verify(body, during)).toBeTruthy();
    expect(new Webhook(previous).verify(body, during)).toBeTruthy();

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
