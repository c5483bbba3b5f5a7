import { createHmac, randomBytes } from "node:crypto";
import type { PaymentEvent, WebhookEvent } from "@paygate/contracts";

/** A Standard Webhooks request for `event`, signed with `secret` at `timestamp` (unix seconds). */
export function signedWebhook(event: WebhookEvent, secret: string, timestamp = Math.floor(Date.now() / 1000)) {
  const body = JSON.stringify(event);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${event.id}.${timestamp}.${body}`).digest("base64");
  return {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "webhook-id": event.id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": `v1,${signature}`,
    },
  };
}

export const newEventId = () => `evt_${randomBytes(12).toString("hex")}`;

/** A captured payment of `amount` on `orderId`, shaped like the API's. */
export function capturedPayment(orderId: string, amount: number, overrides: Partial<PaymentEvent["data"]["payment"]> = {}) {
  const now = new Date().toISOString();
  return {
    id: `pay_${randomBytes(10).toString("hex")}`,
    order_id: orderId,
    amount,
    currency: "INR" as const,
    method: "card" as const,
    status: "captured" as const,
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
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}
