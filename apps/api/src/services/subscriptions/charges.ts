import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { invoices, type OrderRow, orders, type PaymentRow, type SubscriptionRow, subscriptions } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import { type TxContext, withSavepoint, withTransaction } from "../context.js";
import { loadCustomer } from "../customers/customers.js";
import { recordEvent } from "../events/record-event.js";
import { createInvoice } from "../invoices/invoices.js";
import { sendInvoice } from "../invoices/send-invoice.js";
import { defineJob } from "../jobs/define-job.js";
import { enqueueJob } from "../jobs/queue.js";
import { createOrder } from "../orders/orders.js";
import { cancelOrderRow, isPayable } from "../orders/transitions.js";
import { insertPayment } from "../payments/payments.js";
import { serializeOrder, serializePayment } from "../serialize.js";
import { periodBoundary } from "./periods.js";
import { endSubscription, serializeSubscription } from "./subscriptions.js";

const DAY_MS = 86_400_000;
/**
 * A failed charge is retried 1 day after it failed, then 3 days after the second failure, then
 * 5 days after the third (SPEC §15); a fourth failure cancels the subscription.
 */
export const RETRY_DELAYS_DAYS = [1, 3, 5] as const;

const boundary = (row: SubscriptionRow, n: number) => periodBoundary(row.startAt, row.interval, row.intervalCount, n);

/**
 * Charges period `n`: its order (period 0's directly; a renewal's through an invoice that carries
 * `subscription_id`, sent and so numbered and emailed), then a merchant-initiated payment of it
 * with the saved card. The outcome arrives through the capture / failure hooks below.
 */
export async function chargePeriod(tx: TxContext, row: SubscriptionRow, n: number): Promise<SubscriptionRow> {
  const orderId = n === 0 ? await firstOrder(tx, row) : await renewalInvoiceOrder(tx, row);
  await tx.db.update(orders).set({ subscriptionId: row.id, customerId: row.customerId }).where(eq(orders.id, orderId));
  const [charging] = await tx.db
    .update(subscriptions)
    .set({
      periodIndex: n,
      currentPeriodStart: boundary(row, n),
      currentPeriodEnd: boundary(row, n + 1),
      currentOrderId: orderId,
      currentPaymentId: null,
      failedAttempts: 0,
      nextRetryAt: null,
      updatedAt: tx.clock.now(),
    })
    .where(eq(subscriptions.id, row.id))
    .returning();
  if (!charging) throw new Error(`subscription ${row.id} vanished`);
  return attemptCharge(tx, charging);
}

async function firstOrder(tx: TxContext, row: SubscriptionRow) {
  const order = await createOrder({
    ctx: tx,
    merchantId: row.merchantId,
    input: { amount: row.amount, currency: row.currency, customer_id: row.customerId, notes: { subscription_id: row.id } },
  });
  return order.id;
}

async function renewalInvoiceOrder(tx: TxContext, row: SubscriptionRow) {
  const customer = await loadCustomer(tx, row.merchantId, row.customerId);
  const email = customer.email ?? "";
  const draft = await createInvoice({
    ctx: tx,
    merchantId: row.merchantId,
    input: {
      customer: { name: customer.name ?? email, email },
      currency: row.currency,
      line_items: [{ name: row.description ?? "Subscription", quantity: 1, unit_amount: row.amount }],
    },
  });
  await tx.db.update(invoices).set({ customerId: row.customerId, subscriptionId: row.id }).where(eq(invoices.id, draft.id));
  const sent = await sendInvoice({ ctx: tx, merchantId: row.merchantId, invoiceId: draft.id });
  if (!sent.order_id) throw new Error(`invoice ${draft.id} was sent without an order`);
  return sent.order_id;
}

/**
 * A merchant-initiated payment of the current order with the saved card. A card that can no
 * longer pay (deleted, expired) is a failed attempt like a decline, not an error of the job.
 */
async function attemptCharge(tx: TxContext, row: SubscriptionRow): Promise<SubscriptionRow> {
  if (!row.currentOrderId) throw new Error(`subscription ${row.id} has no order to charge`);
  const orderId = row.currentOrderId;
  try {
    const payment = await withSavepoint(tx, (inner) =>
      insertPayment(
        inner,
        row.merchantId,
        { order_id: orderId, payment_method: row.paymentMethodId },
        {
          initiator: "merchant",
          saveCard: false,
        },
      ),
    );
    const [charging] = await tx.db
      .update(subscriptions)
      .set({ currentPaymentId: payment.id, updatedAt: tx.clock.now() })
      .where(eq(subscriptions.id, row.id))
      .returning();
    return charging ?? row;
  } catch (error) {
    if (!(error instanceof ServiceError) || error.type !== "payment_method_unusable") throw error;
    return recordFailedCharge(tx, row, null);
  }
}

/**
 * A charge failed: past_due and a retry job (1, 3, 5 days), or cancelled after the last retry
 * (its open order and invoice cancelled with it, so nobody pays a cancelled subscription).
 */
async function recordFailedCharge(tx: TxContext, row: SubscriptionRow, payment: PaymentRow | null): Promise<SubscriptionRow> {
  const attempts = row.failedAttempts + 1;
  const delayDays = RETRY_DELAYS_DAYS[attempts - 1];
  const now = tx.clock.now();
  const [failed] = await tx.db
    .update(subscriptions)
    .set({
      status: delayDays === undefined ? row.status : "past_due",
      failedAttempts: attempts,
      currentPaymentId: null,
      nextRetryAt: delayDays === undefined ? null : new Date(now.getTime() + delayDays * DAY_MS),
      updatedAt: now,
    })
    .where(and(eq(subscriptions.id, row.id), inArray(subscriptions.status, ["active", "past_due"])))
    .returning();
  if (!failed) return row;
  await recordEvent(tx, failed.merchantId, "subscription.payment_failed", {
    subscription: serializeSubscription(failed),
    ...(payment ? { payment: serializePayment(payment) } : {}),
  });
  if (delayDays !== undefined) {
    await enqueueJob(
      tx,
      "subscription.retry",
      { subscription_id: failed.id, attempt: attempts },
      { delayMs: delayDays * DAY_MS },
    );
    return failed;
  }
  if (failed.currentOrderId) await closeUnpaidOrder(tx, failed.currentOrderId);
  return endSubscription(tx, failed);
}

async function closeUnpaidOrder(tx: TxContext, orderId: string) {
  const cancelled = await cancelOrderRow(tx, orderId);
  if (!cancelled) return;
  const now = tx.clock.now();
  await tx.db
    .update(invoices)
    .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
    .where(and(eq(invoices.orderId, orderId), inArray(invoices.status, ["sent", "viewed", "overdue"])));
}

/**
 * The capture hook (the capture's transaction, under the order's lock): the order of a
 * subscription's current period was paid, by the merchant's charge or by the customer paying the
 * invoice. The subscription is active again, `subscription.renewed` is recorded for a renewal, and
 * the next period's renewal is scheduled at its start.
 */
export async function onSubscriptionOrderPaid(tx: TxContext, order: OrderRow, payment: PaymentRow) {
  if (!order.subscriptionId) return;
  const [row] = await tx.db.select().from(subscriptions).where(eq(subscriptions.id, order.subscriptionId)).for("update");
  if (!row || row.currentOrderId !== order.id || row.status === "cancelled") return;
  const now = tx.clock.now();
  const [paid] = await tx.db
    .update(subscriptions)
    .set({ status: "active", failedAttempts: 0, nextRetryAt: null, currentPaymentId: null, updatedAt: now })
    .where(eq(subscriptions.id, row.id))
    .returning();
  if (!paid) return;
  if (paid.periodIndex > 0) {
    await recordEvent(tx, paid.merchantId, "subscription.renewed", {
      subscription: serializeSubscription(paid),
      payment: serializePayment(payment),
      order: serializeOrder(order),
    });
  }
  const next = paid.periodIndex + 1;
  const delayMs = Math.max(0, boundary(paid, next).getTime() - now.getTime());
  await enqueueJob(tx, "subscription.renew", { subscription_id: paid.id, period: next }, { delayMs });
}

/** The failure hook: a merchant-initiated payment failed; if it was a subscription's charge, that counts. */
export async function onSubscriptionPaymentFailed(tx: TxContext, payment: PaymentRow) {
  if (!payment.merchantInitiated) return;
  const [row] = await tx.db.select().from(subscriptions).where(eq(subscriptions.currentPaymentId, payment.id)).for("update");
  if (!row || row.status === "cancelled") return;
  await recordFailedCharge(tx, row, payment);
}

/** At a period's start: charge it, unless the subscription ended, is past due, or already did. */
export const renewSubscriptionJob = defineJob(
  "subscription.renew",
  z.object({ subscription_id: z.string(), period: z.number().int().min(0) }),
  ({ ctx, payload }) =>
    withTransaction(ctx, async (tx) => {
      const [row] = await tx.db.select().from(subscriptions).where(eq(subscriptions.id, payload.subscription_id)).for("update");
      if (!row || row.status !== "active" || row.periodIndex >= payload.period) return;
      await chargePeriod(tx, row, payload.period);
    }),
);

/** A past-due subscription's next try at the same order, unless it was paid or ended meanwhile. */
export const retrySubscriptionJob = defineJob(
  "subscription.retry",
  z.object({ subscription_id: z.string(), attempt: z.number().int().min(1) }),
  ({ ctx, payload }) =>
    withTransaction(ctx, async (tx) => {
      const [ref] = await tx.db.select().from(subscriptions).where(eq(subscriptions.id, payload.subscription_id));
      if (!ref?.currentOrderId) return;
      // The order's lock first, then the subscription's: the order in which a capture takes them.
      const [order] = await tx.db.select().from(orders).where(eq(orders.id, ref.currentOrderId)).for("update");
      const [row] = await tx.db.select().from(subscriptions).where(eq(subscriptions.id, ref.id)).for("update");
      if (!order || !row || row.status !== "past_due" || row.failedAttempts !== payload.attempt) return;
      if (!isPayable(order)) return;
      await attemptCharge(tx, row);
    }),
);
