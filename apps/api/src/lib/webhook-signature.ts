import { createHmac } from "node:crypto";

/**
 * Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 keyed by the base64-decoded part of
 * the `whsec_` secret, over `{id}.{timestamp}.{body}`.
 */
export function standardSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** `X-Webhook-Signature`: hex HMAC-SHA256 keyed by the secret string, over the body. */
export function legacySignature(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export type SigningSecrets = {
  webhookSecret: string | null;
  previousWebhookSecret: string | null;
  previousWebhookSecretExpiresAt: Date | null;
};

/**
 * The headers of one send. During a rotation's overlap `webhook-signature` carries both
 * signatures (new first), so receivers holding either secret verify. `X-Webhook-Signature` is a
 * single hex value that receivers compare whole, so it is always the current secret's.
 */
export function signatureHeaders(
  merchant: SigningSecrets,
  eventId: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const secrets = [merchant.webhookSecret];
  if (
    merchant.previousWebhookSecret &&
    merchant.previousWebhookSecretExpiresAt &&
    merchant.previousWebhookSecretExpiresAt > now
  ) {
    secrets.push(merchant.previousWebhookSecret);
  }
  const live = secrets.filter((secret): secret is string => Boolean(secret));
  return {
    "Content-Type": "application/json",
    "User-Agent": "PayGate-Webhooks/1",
    "webhook-id": eventId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": live.map((secret) => standardSignature(secret, eventId, timestamp, body)).join(" "),
    "X-Webhook-Signature": live[0] ? legacySignature(live[0], body) : "",
  };
}
