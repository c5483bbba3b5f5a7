import { createHmac, timingSafeEqual } from "node:crypto";
import { type WebhookEvent, webhookEventSchema } from "@paygate/contracts";
import { WebhookVerificationError } from "./errors.js";

/** Node's `req.headers`, a Fetch `Headers`, or any plain record of header values. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** Accepted clock distance either way, in seconds (default 300: SPEC §12's five minutes). */
  toleranceSeconds?: number;
  /** The current time in ms, for tests. */
  now?: number;
}

const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value.join(" ") : value;
  }
  return undefined;
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  const key = Buffer.from(encoded, "base64");
  // Buffer.from ignores bad base64 characters; a key this short means the secret was mangled.
  if (key.length < 16) throw new WebhookVerificationError("invalid_secret", "The webhook secret is not a whsec_ base64 secret");
  return key;
}

/**
 * Verifies a PayGate webhook (Standard Webhooks) and returns the parsed event.
 *
 * Checks, in order: `webhook-id`, `webhook-timestamp` and `webhook-signature` are present; the
 * timestamp is within the tolerance (replays of old captures fail); one of the space-separated
 * `v1,<base64>` signatures equals HMAC-SHA256(base64-decoded secret, `{id}.{timestamp}.{body}`),
 * compared in constant time; the body is a PayGate event. Pass the raw body exactly as received:
 * re-serialised JSON will not match. De-duplicate on `event.id` (= `webhook-id`): delivery is
 * at-least-once.
 * @throws WebhookVerificationError
 * @example
 * app.post("/webhooks/paygate", async (c) => {
 *   const event = verifyWebhook(await c.req.text(), c.req.raw.headers, process.env.PAYGATE_WEBHOOK_SECRET);
 *   …
 * });
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): WebhookEvent {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError("missing_headers", "webhook-id, webhook-timestamp and webhook-signature are required");
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new WebhookVerificationError("invalid_timestamp", "webhook-timestamp must be unix seconds");
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  const sentAt = Number(timestamp);
  if (sentAt < nowSeconds - tolerance) throw new WebhookVerificationError("timestamp_too_old", "webhook-timestamp is too old");
  if (sentAt > nowSeconds + tolerance)
    throw new WebhookVerificationError("timestamp_too_new", "webhook-timestamp is in the future");

  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : Buffer.from(rawBody);
  const expected = createHmac("sha256", secretKey(secret)).update(`${id}.${timestamp}.`).update(body).digest();
  const matches = signatures.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) return false;
    const candidate = Buffer.from(value, "base64");
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  if (!matches) throw new WebhookVerificationError("no_matching_signature", "No webhook-signature matches this body and secret");

  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new WebhookVerificationError("invalid_payload", "The body is not JSON");
  }
  const event = webhookEventSchema.safeParse(json);
  if (!event.success) throw new WebhookVerificationError("invalid_payload", "The body is not a PayGate event");
  if (event.data.id !== id) throw new WebhookVerificationError("invalid_payload", "webhook-id does not match the event id");
  return event.data;
}
