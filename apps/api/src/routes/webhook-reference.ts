import {
  eventCatalogue,
  invoicePaidEventSchema,
  invoiceSentEventSchema,
  paymentEventSchema,
  paymentLinkEventSchema,
  pingEventSchema,
  settlementEventSchema,
  subscriptionEventSchema,
  type WebhookBodyType,
  webhookBodyTypes,
} from "@paygate/contracts";
import { z } from "zod";
import type { Api } from "./deps.js";

/** The body schema of one type: its event schema with `type` pinned to that one value. */
export function webhookBodySchema(type: WebhookBodyType) {
  if (type === "ping") return pingEventSchema;
  if (type === "settlement.processed") return settlementEventSchema;
  if (type === "payment_link.paid") return paymentLinkEventSchema;
  if (type === "invoice.sent") return invoiceSentEventSchema;
  if (type === "invoice.paid") return invoicePaidEventSchema;
  if (type.startsWith("subscription.")) return subscriptionEventSchema.extend({ type: z.literal(type) });
  return paymentEventSchema.extend({ type: z.literal(type) });
}

export const SIGNATURE_HEADERS_DESCRIPTION =
  "Standard Webhooks headers: `webhook-id` (the event id, the same on every retry), `webhook-timestamp` (unix seconds), " +
  "`webhook-signature` (`v1,<base64 HMAC-SHA256>` of `{id}.{timestamp}.{body}` keyed by the base64-decoded part of your " +
  "`whsec_` secret; two signatures during a secret rotation). Also `X-Webhook-Signature`: hex HMAC-SHA256 of the raw body " +
  "keyed by the whole secret string. Answer 2xx within 5 s; anything else is retried after 1 m, 5 m, 30 m and 2 h; " +
  "410 disables the URL. See docs/webhooks.md.";

/**
 * The OpenAPI document's `webhooks` (SPEC §8): one entry per body type, from the contracts'
 * catalogue, with the body schema, a description and the sample.
 */
export function registerWebhookReference(app: Api) {
  for (const type of webhookBodyTypes) {
    const reference = eventCatalogue[type];
    app.openAPIRegistry.registerWebhook({
      method: "post",
      path: type,
      summary: reference.summary,
      description: `${reference.description}\n\n${SIGNATURE_HEADERS_DESCRIPTION}`,
      tags: ["Webhook events"],
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: webhookBodySchema(type), example: reference.sample } },
        },
      },
      responses: {
        200: { description: "Any 2xx acknowledges the event" },
        410: { description: "Disables this URL or endpoint: no further deliveries" },
      },
    });
  }
}
