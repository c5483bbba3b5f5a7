import { z } from "zod";
import { invoiceSchema, orderSchema, paymentLinkSchema, paymentSchema, refundSchema, subscriptionSchema } from "./api/index.js";
import { settlementSchema } from "./ledger.js";

/** Events about a payment: their `data` carries the payment (and the order or refund). */
export const paymentEventTypes = [
  "payment.authorized",
  "payment.captured",
  "payment.failed",
  "payment.voided",
  "refund.processed",
  "refund.failed",
  "order.paid",
] as const;
/** Events about a subscription (SPEC §15): `data.subscription`, plus the renewal's payment and order. */
export const subscriptionEventTypes = ["subscription.renewed", "subscription.payment_failed", "subscription.cancelled"] as const;
export type SubscriptionEventType = (typeof subscriptionEventTypes)[number];
/** SPEC §14: an invoice was sent, or paid (then with the payment and the order that paid it). */
export const invoiceEventTypes = ["invoice.sent", "invoice.paid"] as const;
export const eventTypes = [
  ...paymentEventTypes,
  "settlement.processed",
  "payment_link.paid",
  ...invoiceEventTypes,
  ...subscriptionEventTypes,
] as const;
export const eventTypeSchema = z.enum(eventTypes);
export type EventType = z.infer<typeof eventTypeSchema>;
export type PaymentEventType = (typeof paymentEventTypes)[number];

export const paymentEventSchema = z.object({
  id: z.string(),
  type: z.enum(paymentEventTypes),
  created_at: z.string(),
  data: z.object({
    payment: paymentSchema,
    order: orderSchema.optional(),
    refund: refundSchema.optional(),
  }),
});
export type PaymentEvent = z.infer<typeof paymentEventSchema>;

/** SPEC §13: the daily settlement paid a merchant's available balance in one currency. */
export const settlementEventSchema = z.object({
  id: z.string(),
  type: z.literal("settlement.processed"),
  created_at: z.string(),
  data: z.object({ settlement: settlementSchema }),
});
export type SettlementEvent = z.infer<typeof settlementEventSchema>;

export const subscriptionEventSchema = z.object({
  id: z.string(),
  type: z.enum(subscriptionEventTypes),
  created_at: z.string(),
  data: z.object({
    subscription: subscriptionSchema,
    payment: paymentSchema.optional(),
    order: orderSchema.optional(),
  }),
});
export type SubscriptionEvent = z.infer<typeof subscriptionEventSchema>;

export const invoiceSentEventSchema = z.object({
  id: z.string(),
  type: z.literal("invoice.sent"),
  created_at: z.string(),
  data: z.object({ invoice: invoiceSchema }),
});
/** The invoice's order was paid: the invoice, the payment that paid it and the order. */
export const invoicePaidEventSchema = z.object({
  id: z.string(),
  type: z.literal("invoice.paid"),
  created_at: z.string(),
  data: z.object({ invoice: invoiceSchema, payment: paymentSchema, order: orderSchema }),
});
export type InvoiceSentEvent = z.infer<typeof invoiceSentEventSchema>;
export type InvoicePaidEvent = z.infer<typeof invoicePaidEventSchema>;

/** SPEC §14: a payment link's order was paid (in the capture's transaction). */
export const paymentLinkEventSchema = z.object({
  id: z.string(),
  type: z.literal("payment_link.paid"),
  created_at: z.string(),
  data: z.object({ payment_link: paymentLinkSchema, payment: paymentSchema, order: orderSchema }),
});
export type PaymentLinkEvent = z.infer<typeof paymentLinkEventSchema>;

/**
 * `POST /webhook_endpoints/:id/test` (SPEC §8): sent to that one endpoint only, signed with its
 * secret, so a receiver can be checked before real events flow. Not subscribable.
 */
export const pingEventSchema = z.object({
  id: z.string(),
  type: z.literal("ping"),
  created_at: z.string(),
  data: z.object({ webhook_endpoint: z.object({ id: z.string(), url: z.string() }) }),
});
export type PingEvent = z.infer<typeof pingEventSchema>;

/** Every `type` a webhook body may carry: the subscribable event types and `ping`. */
export const webhookBodyTypes = [...eventTypes, "ping"] as const;
export type WebhookBodyType = (typeof webhookBodyTypes)[number];

/** The body of every webhook delivery (SPEC §8); `type` tells which `data` it carries. */
export const webhookEventSchema = z.discriminatedUnion("type", [
  paymentEventSchema,
  settlementEventSchema,
  subscriptionEventSchema,
  invoiceSentEventSchema,
  invoicePaidEventSchema,
  paymentLinkEventSchema,
  pingEventSchema,
]);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** Narrows a delivered event to one about a payment (its `data.payment` is there). */
export function isPaymentEvent(event: WebhookEvent): event is PaymentEvent {
  return (paymentEventTypes as readonly string[]).includes(event.type);
}
