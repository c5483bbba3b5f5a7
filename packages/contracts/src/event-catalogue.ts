import type { Invoice, Order, Payment, PaymentLink, Refund, Subscription } from "./api/index.js";
import type { WebhookBodyType, WebhookEvent } from "./events.js";
import type { Settlement } from "./ledger.js";

/**
 * The webhook reference (SPEC §8): for every body type, when it is sent and a sample body. The
 * OpenAPI document's `webhooks` and docs/webhooks.md are generated from this table, and a test
 * parses every sample with the contracts schema, so the reference cannot drift from what is sent.
 * Keyed by every type: a new event type does not compile until it is documented here.
 */
export interface EventReference {
  /** One line: what happened. */
  summary: string;
  /** When it fires, what `data` carries, and what to do with it. */
  description: string;
  sample: WebhookEvent;
}

const at = "2026-01-15T10:30:05.000Z";
const order: Order = {
  id: "order_Vx3bK9qLm2Np7Rt4",
  amount: 50000,
  currency: "INR",
  receipt: "cart-1042",
  notes: { customer: "c_81" },
  status: "paid",
  amount_paid: 50000,
  amount_due: 0,
  attempts: 1,
  discount: null,
  customer_id: null,
  created_at: "2026-01-15T10:29:12.000Z",
};
const payment: Payment = {
  id: "pay_Jq8sW2eR5tY7uI0o",
  order_id: order.id,
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
  email: "asha@example.com",
  contact: null,
  error_code: null,
  error_description: null,
  receipt_number: "RCPT-000042",
  payment_method_id: null,
  created_at: "2026-01-15T10:29:40.000Z",
  updated_at: at,
};
const refund: Refund = {
  id: "rfnd_Lk4jH6gF8dS0aP2o",
  payment_id: payment.id,
  amount: 20000,
  currency: "INR",
  reason: "customer request",
  status: "processed",
  error_code: null,
  created_at: "2026-01-16T09:00:00.000Z",
  processed_at: "2026-01-16T09:00:04.000Z",
};
const settlement: Settlement = {
  id: "setl_Qw1eR3tY5uI7oP9a",
  currency: "INR",
  amount: 48820,
  status: "processed",
  transaction_count: 1,
  period_start: "2026-01-17T00:00:00.000Z",
  period_end: "2026-01-18T00:00:00.000Z",
  created_at: "2026-01-18T00:00:00.000Z",
};
const paymentLink: PaymentLink = {
  id: "plink_Zx2cV4bN6mQ8wE0r",
  url: "https://checkout.example.com/l/plink_Zx2cV4bN6mQ8wE0r",
  amount: 50000,
  currency: "INR",
  description: "Masala chai, 2 kg",
  reference_id: "quote-77",
  customer: { name: "Asha Rao", email: "asha@example.com", contact: null },
  customer_id: null,
  status: "paid",
  order_id: order.id,
  expire_by: null,
  paid_at: at,
  created_at: "2026-01-15T09:00:00.000Z",
};
const invoice: Invoice = {
  id: "inv_Tg5hJ7kL9zX1cV3b",
  customer_id: null,
  subscription_id: null,
  number: "INV-000007",
  status: "sent",
  customer: { name: "Asha Rao", email: "asha@example.com" },
  currency: "INR",
  line_items: [{ name: "Masala chai, 1 kg", quantity: 2, unit_amount: 21186, amount: 42372 }],
  subtotal: 42372,
  discount_code: null,
  discount_amount: 0,
  tax_bps: 1800,
  tax_amount: 7627,
  total: 49999,
  amount_paid: 0,
  amount_due: 49999,
  due_date: "2026-01-31",
  notes: null,
  terms: null,
  url: "https://checkout.example.com/i/inv_Tg5hJ7kL9zX1cV3b",
  order_id: order.id,
  created_at: "2026-01-15T08:00:00.000Z",
  sent_at: "2026-01-15T08:05:00.000Z",
  viewed_at: null,
  paid_at: null,
};
const subscription: Subscription = {
  id: "sub_Yu6iO8pA0sD2fG4h",
  customer_id: "cust_Qa1wS3eD5rF7tG9y",
  payment_method_id: "pm_Hn2jM4kL6zX8cV0b",
  status: "active",
  amount: 49900,
  currency: "INR",
  interval: "month",
  interval_count: 1,
  description: "Chai club, monthly",
  start_at: "2025-12-15T10:30:00.000Z",
  current_period_start: "2026-01-15T10:30:00.000Z",
  current_period_end: "2026-02-15T10:30:00.000Z",
  failed_attempts: 0,
  next_retry_at: null,
  cancelled_at: null,
  created_at: "2025-12-15T10:30:00.000Z",
};
const eventId = (tail: string) => `evt_${tail}`;

export const eventCatalogue: Record<WebhookBodyType, EventReference> = {
  "order.paid": {
    summary: "An order is paid: fulfil it on this event.",
    description:
      "Sent once per order, in the same transaction as the capture that paid it (right after `payment.captured`). " +
      "`data.order` is the paid order and `data.payment` the payment that paid it. This is the event to fulfil an order on: " +
      "an order is paid by exactly one captured payment, and a paid order accepts no further payment.",
    sample: { id: eventId("Ab12Cd34Ef56Gh78"), type: "order.paid", created_at: at, data: { payment, order } },
  },
  "payment.authorized": {
    summary: "The acquirer approved a payment.",
    description:
      "Sent when a payment is approved, after the processing delay or the 3-D Secure OTP. With automatic capture " +
      '(the default) `payment.captured` and `order.paid` follow at once; with `capture: "manual"` the payment waits in ' +
      "`authorized` for `POST /payments/{id}/capture`, or is voided when the authorization expires. `data.payment` only.",
    sample: {
      id: eventId("Bc23De45Fg67Hi89"),
      type: "payment.authorized",
      created_at: "2026-01-15T10:30:04.000Z",
      data: { payment: { ...payment, status: "authorized", captured: false } },
    },
  },
  "payment.captured": {
    summary: "A payment was captured: the money is taken.",
    description:
      "Sent when a payment is captured, automatically after authorization or by `POST /payments/{id}/capture`. " +
      "`data.payment` and `data.order` (now `paid`). `order.paid` is sent with it; fulfil on that one.",
    sample: { id: eventId("Cd34Ef56Gh78Ij90"), type: "payment.captured", created_at: at, data: { payment, order } },
  },
  "payment.failed": {
    summary: "A payment failed.",
    description:
      "Sent when the acquirer declines a payment or 3-D Secure fails or times out. `data.payment.error_code` says why " +
      "(`card_declined`, `insufficient_funds`, `authentication_failed`…). The order stays payable: the shopper may try again.",
    sample: {
      id: eventId("De45Fg67Hi89Jk01"),
      type: "payment.failed",
      created_at: at,
      data: {
        payment: {
          ...payment,
          status: "failed",
          captured: false,
          card: { ...payment.card, last4: "0002" } as Payment["card"],
          error_code: "card_declined",
          error_description: "The card was declined by the issuer.",
        },
      },
    },
  },
  "payment.voided": {
    summary: "An authorization was released without capture.",
    description:
      "Sent when an `authorized` payment is voided: by `POST /payments/{id}/void`, when its authorization expires " +
      "uncaptured, or when another payment paid the order first. No money moved. `data.payment` only.",
    sample: {
      id: eventId("Ef56Gh78Ij90Kl12"),
      type: "payment.voided",
      created_at: at,
      data: { payment: { ...payment, status: "voided", captured: false } },
    },
  },
  "refund.processed": {
    summary: "A refund was paid out.",
    description:
      "Sent when a refund completes (refunds are processed asynchronously after `POST /payments/{id}/refunds`). " +
      "`data.refund` is the refund and `data.payment` the payment with its new `amount_refunded` (status `refunded` once fully refunded).",
    sample: {
      id: eventId("Fg67Hi89Jk01Lm23"),
      type: "refund.processed",
      created_at: "2026-01-16T09:00:04.000Z",
      data: { payment: { ...payment, amount_refunded: 20000 }, refund },
    },
  },
  "refund.failed": {
    summary: "A refund failed; the amount is refundable again.",
    description:
      "Sent when a refund cannot be completed (`data.refund.error_code`). Its amount counts as refundable again and a " +
      "new refund may be created. `data.refund` and `data.payment`.",
    sample: {
      id: eventId("Gh78Ij90Kl12Mn34"),
      type: "refund.failed",
      created_at: "2026-01-16T09:00:04.000Z",
      data: { payment, refund: { ...refund, status: "failed", error_code: "refund_failed", processed_at: null } },
    },
  },
  "settlement.processed": {
    summary: "Your available balance in one currency was settled.",
    description:
      "Sent by the daily settlement for each currency with a positive available balance. `data.settlement` says how much " +
      "and which period it covers; the balance transactions of `GET /balance/transactions` add up to it.",
    sample: {
      id: eventId("Hi89Jk01Lm23No45"),
      type: "settlement.processed",
      created_at: settlement.created_at,
      data: { settlement },
    },
  },
  "payment_link.paid": {
    summary: "A payment link was paid.",
    description:
      "Sent in the transaction of the capture that paid the link's order (with `payment.captured` and `order.paid`). " +
      "`data.payment_link` (now `paid`), `data.payment` and `data.order`. A link pays once.",
    sample: {
      id: eventId("Jk01Lm23No45Pq67"),
      type: "payment_link.paid",
      created_at: at,
      data: { payment_link: paymentLink, payment, order },
    },
  },
  "invoice.sent": {
    summary: "An invoice was sent: numbered, its order created, the customer emailed.",
    description:
      "Sent by `POST /invoices/{id}/send`. `data.invoice` carries its `number`, `url` (the hosted page) and `order_id`.",
    sample: { id: eventId("Kl12Mn34Op56Qr78"), type: "invoice.sent", created_at: invoice.sent_at as string, data: { invoice } },
  },
  "invoice.paid": {
    summary: "An invoice was paid.",
    description:
      "Sent in the transaction of the capture that paid the invoice's order. `data.invoice` (now `paid`), `data.payment` " +
      "and `data.order`; `order.paid` is sent for the same order.",
    sample: {
      id: eventId("Lm23No45Pq67Rs89"),
      type: "invoice.paid",
      created_at: at,
      data: {
        invoice: { ...invoice, status: "paid", amount_paid: 49999, amount_due: 0, paid_at: at },
        payment: { ...payment, amount: 49999 },
        order: { ...order, amount: 49999, amount_paid: 49999 },
      },
    },
  },
  "subscription.renewed": {
    summary: "A subscription renewed: the new period's invoice was paid with the saved card.",
    description:
      "Sent at each period end once the renewal is captured (not for the first period, charged at creation). " +
      "`data.subscription` with its new period, `data.payment` and `data.order` (the renewal invoice's order).",
    sample: {
      id: eventId("Mn34Op56Qr78St90"),
      type: "subscription.renewed",
      created_at: subscription.current_period_start,
      data: {
        subscription,
        payment: { ...payment, amount: 49900, payment_method_id: subscription.payment_method_id },
        order: { ...order, amount: 49900, amount_paid: 49900, customer_id: subscription.customer_id },
      },
    },
  },
  "subscription.payment_failed": {
    summary: "A renewal failed: the subscription is past due and will be retried.",
    description:
      "Sent when a renewal charge fails; the subscription becomes `past_due` and is retried after 1, 3 and 5 days " +
      "(`next_retry_at`), then cancelled. `data.subscription`, and `data.payment` when a charge was attempted.",
    sample: {
      id: eventId("No45Pq67Rs89Tu01"),
      type: "subscription.payment_failed",
      created_at: subscription.current_period_start,
      data: {
        subscription: { ...subscription, status: "past_due", failed_attempts: 1, next_retry_at: "2026-01-16T10:30:00.000Z" },
        payment: {
          ...payment,
          amount: 49900,
          status: "failed",
          captured: false,
          receipt_number: null,
          payment_method_id: subscription.payment_method_id,
          error_code: "card_declined",
          error_description: "The card was declined by the issuer.",
        },
      },
    },
  },
  "subscription.cancelled": {
    summary: "A subscription ended.",
    description:
      "Sent by `POST /subscriptions/{id}/cancel`, or when the last retry of a renewal fails. `data.subscription` only.",
    sample: {
      id: eventId("Op56Qr78St90Uv12"),
      type: "subscription.cancelled",
      created_at: "2026-01-24T10:30:00.000Z",
      data: { subscription: { ...subscription, status: "cancelled", cancelled_at: "2026-01-24T10:30:00.000Z" } },
    },
  },
  ping: {
    summary: "A test event, sent on request to one endpoint.",
    description:
      "Sent only by `POST /webhook_endpoints/{id}/test`, to that endpoint alone and signed with its secret, to check a " +
      "receiver. It cannot be subscribed to; acknowledge it with any 2xx.",
    sample: {
      id: eventId("Ij90Kl12Mn34Op56"),
      type: "ping",
      created_at: at,
      data: { webhook_endpoint: { id: "we_Rt5yU7iO9pA1sD3f", url: "https://shop.example.com/webhooks/paygate" } },
    },
  },
};
