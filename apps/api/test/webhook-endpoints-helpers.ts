import { type WebhookEvent, webhookEventSchema } from "@paygate/contracts";
import { Webhook } from "standardwebhooks";
import { expect } from "vitest";
import { keyAuth, type MerchantCredentials, type TestApi } from "./helpers.js";
import type { Hit } from "./webhooks-receiver.js";

export interface CreatedEndpoint {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  status: "enabled" | "disabled";
  secret: string;
}

/** `POST /webhook_endpoints`, expecting 201. */
export async function createEndpoint(api: TestApi, merchant: MerchantCredentials, body: Record<string, unknown>) {
  const response = await api.request("/api/v1/webhook_endpoints", { method: "POST", auth: keyAuth(merchant), json: body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).data as CreatedEndpoint;
}

/** A merchant-authenticated call; returns status and parsed body. */
export async function call(api: TestApi, merchant: MerchantCredentials, method: string, path: string, json?: unknown) {
  const response = await api.request(`/api/v1${path}`, {
    method,
    auth: keyAuth(merchant),
    ...(json !== undefined ? { json } : {}),
  });
  return { status: response.status, body: await response.json(), response };
}

/**
 * Verifies any webhook body (payment, settlement or ping) with the official `standardwebhooks`
 * library against `secret`; returns the event parsed with the contracts schema.
 */
export function verifyEvent(hit: Hit, secret: string): WebhookEvent {
  new Webhook(secret).verify(hit.body, {
    "webhook-id": String(hit.headers["webhook-id"]),
    "webhook-timestamp": String(hit.headers["webhook-timestamp"]),
    "webhook-signature": String(hit.headers["webhook-signature"]),
  });
  const event = webhookEventSchema.parse(JSON.parse(hit.body));
  expect(event.id).toBe(hit.webhookId);
  return event;
}
