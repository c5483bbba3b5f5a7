import type { PGlite, Transaction } from "@electric-sql/pglite";
import { type PaymentEvent, paymentEventTypes, type WebhookEvent } from "@paygate/contracts";
import { verifyWebhook, WebhookVerificationError } from "@paygate/node";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { recordPaidAmount, revertPendingRefund, transitionOrder } from "../db.js";

export interface WebhookRouteOptions {
  db: PGlite;
  webhookSecret: string;
  /** Called after an event changed something (the page polls, tests may listen). */
  onApplied?: (event: WebhookEvent) => void;
}

const isPaymentEvent = (event: WebhookEvent): event is PaymentEvent =>
  (paymentEventTypes as readonly string[]).includes(event.type);

/** Applies one verified event to the shop's orders; guarded transitions make replays harmless. */
async function applyEvent(tx: Transaction, event: PaymentEvent): Promise<void> {
  const { payment } = event.data;
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
export function webhookRoutes({ db, webhookSecret, onApplied }: WebhookRouteOptions) {
  const app = new Hono();
  app.post("/webhooks/paygate", bodyLimit({ maxSize: 256 * 1024 }), async (c) => {
    let event: WebhookEvent;
    try {
      event = verifyWebhook(new Uint8Array(await c.req.arrayBuffer()), c.req.raw.headers, webhookSecret);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return c.json({ error: error.reason }, 400);
      throw error;
    }
    // Settlements move the shop's money, not its orders; a paid link's, invoice's or
    // subscription's order also sends its own order.paid; a ping only checks the endpoint:
    // acknowledged, nothing to apply.
    if (!isPaymentEvent(event)) return c.json({ received: true, duplicate: false });
    const paymentEvent = event;
    const fresh = await db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into webhook_events (webhook_id, type, shop_order_id)
         values ($1, $2, (select id from shop_orders where paygate_order_id = $3))
         on conflict (webhook_id) do nothing`,
        [paymentEvent.id, paymentEvent.type, paymentEvent.data.payment.order_id],
      );
      if ((inserted.affectedRows ?? 0) === 0) return false;
      await applyEvent(tx, paymentEvent);
      return true;
    });
    if (fresh) onApplied?.(event);
    return c.json({ received: true, duplicate: !fresh });
  });
  return app;
}
