import type { DeclineCode } from "@paygate/contracts";
import { declineDescriptions } from "@paygate/contracts";
import { and, eq, inArray, ne, type SQL } from "drizzle-orm";
import { type OrderRow, orders, type PaymentRow, payments } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import type { TxContext } from "../context.js";
import { redeemDiscount } from "../discounts/reservations.js";
import { recordEvent } from "../events/record-event.js";
import { markOrderInvoicePaid } from "../invoices/transitions.js";
import { enqueueJob } from "../jobs/queue.js";
import { postCapture } from "../ledger/postings.js";
import { isPayable, payOrder } from "../orders/transitions.js";
import { payLinkOfOrder } from "../payment-links/transitions.js";
import { issueReceipt } from "../receipts/issue-receipt.js";
import { serializeOrder, serializePayment } from "../serialize.js";
import { onSubscriptionOrderPaid, onSubscriptionPaymentFailed } from "../subscriptions/charges.js";

type PaymentStatus = PaymentRow["status"];

/**
 * State transitions of a payment, with the statuses each may leave (SPEC §5, §13). Every UPDATE
 * below is guarded by them (`WHERE status IN …`), so a rerun (a worker that died after
 * committing, a duplicate job) never moves money twice. Nothing moves back: `failed`, `voided`
 * and `refunded` are final. Callers hold a transaction (`TxContext`) and, for every transition
 * that involves the order, the order's lock (`lockOrderAndPayment`); the outbox event commits
 * with the change.
 */
export const paymentTransitions = {
  requireAction: ["pending"],
  /** The shopper's 3-D Secure answer: only a payment waiting for it. */
  authenticate: ["requires_action"],
  authorize: ["pending", "requires_action"],
  fail: ["pending", "requires_action"],
  capture: ["authorized"],
  /** The merchant's void, an expired authorization, or the order paid or cancelled meanwhile. */
  void: ["authorized"],
  refund: ["captured"],
} as const satisfies Record<string, readonly PaymentStatus[]>;

/** True when `status` may take `transition` (service checks that answer with a 4xx before the guarded UPDATE). */
export function paymentCan(transition: keyof typeof paymentTransitions, status: PaymentStatus): boolean {
  const from: readonly PaymentStatus[] = paymentTransitions[transition];
  return from.includes(status);
}

const leaving = (payment: PaymentRow, transition: keyof typeof paymentTransitions) =>
  and(eq(payments.id, payment.id), eq(payments.status, payment.status), inArray(payments.status, paymentTransitions[transition]));

/** Why a payment cannot go on because of its order. */
export function orderClosedCode(order: Pick<OrderRow, "status">): DeclineCode {
  return order.status === "cancelled" ? "order_cancelled" : "order_already_paid";
}

/**
 * Locks a payment's order, then the payment: the one lock order of every money transaction
 * (order row, then payment rows), so two of them never wait on each other. `merchantId` scopes
 * the lookup for merchant requests; workers pass null.
 */
export async function lockOrderAndPayment(
  tx: TxContext,
  paymentId: string,
  merchantId: string | null,
): Promise<{ order: OrderRow; payment: PaymentRow }> {
  const scope =
    merchantId === null ? eq(payments.id, paymentId) : and(eq(payments.id, paymentId), eq(payments.merchantId, merchantId));
  // The order id never changes, so reading it unlocked first is safe.
  const [ref] = await tx.db.select({ orderId: payments.orderId }).from(payments).where(scope);
  if (!ref) throw notFound("Payment");
  const [order] = await tx.db.select().from(orders).where(eq(orders.id, ref.orderId)).for("update");
  const [payment] = await tx.db.select().from(payments).where(eq(payments.id, paymentId)).for("update");
  if (!order || !payment) throw notFound("Payment");
  return { order, payment };
}

export async function failPayment(tx: TxContext, payment: PaymentRow, code: DeclineCode) {
  const [row] = await tx.db
    .update(payments)
    .set({ status: "failed", errorCode: code, errorDescription: declineDescriptions[code], updatedAt: tx.clock.now() })
    .where(leaving(payment, "fail"))
    .returning();
  if (row) await recordEvent(tx, row.merchantId, "payment.failed", { payment: serializePayment(row) });
  if (row) await onSubscriptionPaymentFailed(tx, row);
  return row ?? null;
}

/** pending → requires_action; it fails `authentication_timeout` if not authenticated in time. */
export async function requireAction(tx: TxContext, payment: PaymentRow) {
  const [row] = await tx.db
    .update(payments)
    .set({ status: "requires_action", updatedAt: tx.clock.now() })
    .where(leaving(payment, "requireAction"))
    .returning();
  if (row) await enqueueJob(tx, "payment.action_timeout", { payment_id: row.id }, { delayMs: tx.config.actionTimeoutMs });
  return row ?? null;
}

/**
 * pending / requires_action → authorized (→ captured at once for automatic capture). The caller
 * holds the order's lock; an order no longer payable fails the payment instead. An authorization
 * not captured within AUTH_EXPIRY_HOURS is voided by the job queued here.
 */
export async function authorizePayment(tx: TxContext, order: OrderRow, payment: PaymentRow) {
  if (!isPayable(order)) return failPayment(tx, payment, orderClosedCode(order));
  const now = tx.clock.now();
  const [row] = await tx.db
    .update(payments)
    .set({ status: "authorized", authorizedAt: now, updatedAt: now })
    .where(leaving(payment, "authorize"))
    .returning();
  if (!row) return null;
  await recordEvent(tx, row.merchantId, "payment.authorized", { payment: serializePayment(row) });
  if (row.captureMode === "automatic") return capture(tx, order, row);
  await enqueueJob(tx, "payment.expire_authorization", { payment_id: row.id }, { delayMs: tx.config.authExpiryMs });
  return row;
}

/**
 * authorized → captured, and the order → paid: the order's one capture. The caller holds the
 * order's lock and checked it is payable; the order's other authorizations are voided in the same
 * transaction, so no second capture can find one.
 */
export async function capture(tx: TxContext, order: OrderRow, payment: PaymentRow) {
  const now = tx.clock.now();
  const [updated] = await tx.db
    .update(payments)
    .set({ status: "captured", captured: true, capturedAt: now, updatedAt: now })
    .where(leaving(payment, "capture"))
    .returning();
  if (!updated) return null;
  await postCapture(tx, updated);
  const paid = await payOrder(tx, order.id, updated.amount);
  // The order was checked payable under its lock: a miss here means that check was skipped.
  if (!paid) throw new Error(`order ${order.id} was not payable at capture`);
  await redeemDiscount(tx, order.id);
  // The receipt number before the events, so `payment.captured` carries it.
  const row = await issueReceipt(tx, paid, updated);
  const paymentData = serializePayment(row);
  await recordEvent(tx, row.merchantId, "payment.captured", { payment: paymentData, order: serializeOrder(paid) });
  await recordEvent(tx, row.merchantId, "order.paid", { payment: paymentData, order: serializeOrder(paid) });
  await markOrderInvoicePaid(tx, paid, row);
  await payLinkOfOrder(tx, paid, row);
  await onSubscriptionOrderPaid(tx, paid, row);
  await voidOtherAuthorizations(tx, paid, row.id);
  return row;
}

/** authorized → voided; `code` says why when it was not the merchant's own void. */
export async function voidAuthorization(tx: TxContext, payment: PaymentRow, code: DeclineCode | null) {
  const [row] = await tx.db
    .update(payments)
    .set({
      status: "voided",
      errorCode: code,
      errorDescription: code === null ? null : declineDescriptions[code],
      updatedAt: tx.clock.now(),
    })
    .where(leaving(payment, "void"))
    .returning();
  if (row) await recordEvent(tx, row.merchantId, "payment.voided", { payment: serializePayment(row) });
  return row ?? null;
}

/**
 * Voids every authorized payment of an order that just became paid or cancelled (but `keep`, the
 * payment that paid it). The caller holds the order's lock; the payments are locked after it.
 */
export async function voidOtherAuthorizations(tx: TxContext, order: OrderRow, keep: string | null) {
  const filters: SQL[] = [eq(payments.orderId, order.id), eq(payments.status, "authorized")];
  if (keep !== null) filters.push(ne(payments.id, keep));
  const authorized = await tx.db
    .select()
    .from(payments)
    .where(and(...filters))
    .orderBy(payments.id)
    .for("update");
  for (const payment of authorized) await voidAuthorization(tx, payment, orderClosedCode(order));
}
