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
