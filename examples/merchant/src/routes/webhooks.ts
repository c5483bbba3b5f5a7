import type { PGlite, Transaction } from "@electric-sql/pglite";
import {
  isPaymentEvent,
  type PaymentEvent,
  type SubscriptionEvent,
  subscriptionEventTypes,
  type WebhookEvent,
} from "@paygate/contracts";
import { type PayGateClient, type Subscription, verifyWebhook, WebhookVerificationError } from "@paygate/node";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { recordPaidAmount, revertPendingRefund, transitionOrder } from "../db.js";
import { recordSubscriptionState } from "../subscriptions.js";

export interface WebhookRouteOptions {
  db: PGlite;
  webhookSecret: string;
  /** Reads a subscription whose month PayGate charged (its order.paid does not carry the period). */
  paygate: PayGateClient;
  /** Called after an event changed something (the page polls, tests may listen). */
  onApplied?: (event: WebhookEvent) => void;
}

const isSubscriptionEvent = (event: WebhookEvent): event is SubscriptionEvent =>
  (subscriptionEventTypes as readonly string[]).includes(event.type);

/**
 * A Chai club member's membership follows PayGate's subscription events: renewed (paid through
 * the new period's end), payment_failed (past due, PayGate retries), cancelled.
 */
async function applySubscriptionEvent(tx: Transaction, event: SubscriptionEvent): Promise<void> {
  const { subscription } = event.data;
  const paidThrough = event.type === "subscription.renewed" ? subscription.current_period_end : null;
  await recordSubscriptionState(tx, subscription, { paidThrough, renewed: event.type === "subscription.renewed" });
}

/** Applies one verified event to the shop's orders; guarded transitions make replays harmless. */
async function applyEvent(tx: Transaction, event: PaymentEvent, charged: Subscription | null): Promise<void> {
  const { payment } = event.data;
  // A month of a Chai club membership that PayGate charged with the saved card.
  if (charged) await recordSubscriptionState(tx, charged, { renewed: true, paidThrough: charged.current_period_end });
  const where = { paygateOrderId: payment.order_id };
  switch (event.type) {
    case "payment.captured":
    case "order.paid":
      await transitionOrder(tx, where, ["awaiting_payment", "confirming"], "paid", { payment_id: payment.id, note: null });
      // The captured amount is the truth: a promo code applied in the checkout lowered it.
      await recordPaidAmount(tx, payment.order_id, payment.amount, event.data.order?.discount ?? null);
      return;
    case "payment.failed":
      await transitionOrder(tx, where, ["awaiting_payment"], "awaiting_payment", {
        note: `Last attempt declined: ${payment.error_description ?? payment.error_code ?? "unknown reason"}`,
      });
      return;
    case "refund.processed":
      // Full refunds only in this shop; a partial one (made elsewhere) leaves the order as it is.
      if (payment.status === "refunded") {
        await transitionOrder(tx, where, ["cancel_pending"], "cancelled", { note: null });
        await transitionOrder(tx, where, ["paid", "confirmed", "shipped", "delivered", "refund_pending"], "refunded", {
          note: null,
        });
      }
      return;
    case "refund.failed":
      await revertPendingRefund(tx, where, "PayGate could not refund the payment; try again.");
      return;
    case "payment.authorized":
      return; // automatic capture follows; payment.captured is the event that counts
  }
}

/**
 * `POST /webhooks/paygate`: verify (Standard Webhooks, 5-minute tolerance), de-duplicate by
 * `webhook-id`, then apply — the de-duplication row and the order change commit together, so a
 * crash between them cannot swallow an event. A duplicate still gets 2xx, or PayGate would retry.
 */
export function webhookRoutes({ db, webhookSecret, paygate, onApplied }: WebhookRouteOptions) {
  const app = new Hono();
  app.post("/webhooks/paygate", bodyLimit({ maxSize: 256 * 1024 }), async (c) => {
    let event: WebhookEvent;
    try {
      event = verifyWebhook(new Uint8Array(await c.req.arrayBuffer()), c.req.raw.headers, webhookSecret);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return c.json({ error: error.reason }, 400);
      throw error;
    }
    // Settlements move the shop's money, not its orders; a paid link's or invoice's order also
    // sends its own order.paid; a ping only checks the endpoint: acknowledged, nothing to apply.
    if (!isPaymentEvent(event) && !isSubscriptionEvent(event)) return c.json({ received: true, duplicate: false });
    const known = event;
    // A subscription's first period, charged by PayGate at its start_at, has an order noted with
    // the subscription's id and no subscription.renewed event (later periods have one). Its event
    // does not say which period was paid, so the subscription is read first (outside the
    // transaction; if PayGate cannot answer, the 500 makes it retry the webhook).
    const subscriptionId = known.type === "order.paid" ? known.data.order?.notes.subscription_id : undefined;
    const charged = subscriptionId ? await paygate.subscriptions.get(subscriptionId) : null;
    const fresh = await db.transaction(async (tx) => {
      const orderId = isPaymentEvent(known) ? known.data.payment.order_id : null;
      const inserted = await tx.query(
        `insert into webhook_events (webhook_id, type, shop_order_id)
         values ($1, $2, (select id from shop_orders where paygate_order_id = $3))
         on conflict (webhook_id) do nothing`,
        [known.id, known.type, orderId],
      );
      if ((inserted.affectedRows ?? 0) === 0) return false;
      if (isPaymentEvent(known)) await applyEvent(tx, known, charged);
      else await applySubscriptionEvent(tx, known);
      return true;
    });
    if (fresh) onApplied?.(event);
    return c.json({ received: true, duplicate: !fresh });
  });
  return app;
}
