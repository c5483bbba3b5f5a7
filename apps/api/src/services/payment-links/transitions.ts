import { and, eq, inArray } from "drizzle-orm";
import { type OrderRow, orders, type PaymentLinkRow, type PaymentRow, paymentLinks } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import type { TxContext } from "../context.js";
import { recordEvent } from "../events/record-event.js";
import { serializeOrder, serializePayment } from "../serialize.js";
import { serializePaymentLink } from "./serialize.js";

type LinkStatus = PaymentLinkRow["status"];

/**
 * The payment link's state machine: only a `created` link moves, once. Each UPDATE below is
 * guarded by these statuses, so a capture racing an expiry or a cancel moves the link once. The
 * lock order is that of every money transaction: the order's row first, then the link's.
 */
export const paymentLinkTransitions = {
  pay: ["created"],
  expire: ["created"],
  cancel: ["created"],
} as const satisfies Record<string, readonly LinkStatus[]>;

const leaving = (transition: keyof typeof paymentLinkTransitions) =>
  inArray(paymentLinks.status, paymentLinkTransitions[transition]);

/**
 * Locks a link's order, then the link (the order first, as a capture does). `merchantId` scopes
 * the lookup for merchant requests; jobs and the public page pass null.
 */
export async function lockLinkAndOrder(
  tx: TxContext,
  linkId: string,
  merchantId: string | null,
): Promise<{ link: PaymentLinkRow; order: OrderRow }> {
  const scope =
    merchantId === null ? eq(paymentLinks.id, linkId) : and(eq(paymentLinks.id, linkId), eq(paymentLinks.merchantId, merchantId));
  // The order id never changes, so reading it unlocked first is safe.
  const [ref] = await tx.db.select({ orderId: paymentLinks.orderId }).from(paymentLinks).where(scope);
  if (!ref) throw notFound("Payment link");
  const [order] = await tx.db.select().from(orders).where(eq(orders.id, ref.orderId)).for("update");
  const [link] = await tx.db.select().from(paymentLinks).where(eq(paymentLinks.id, linkId)).for("update");
  if (!order || !link) throw notFound("Payment link");
  return { link, order };
}

/**
 * Called by the capture that paid `order` (same transaction, the order's lock held): the order's
 * link, if it has one, becomes `paid` and `payment_link.paid` is recorded with the link, the
 * payment and the order.
 */
export async function payLinkOfOrder(tx: TxContext, order: OrderRow, payment: PaymentRow) {
  const now = tx.clock.now();
  const [row] = await tx.db
    .update(paymentLinks)
    .set({ status: "paid", paidAt: now, paymentId: payment.id, updatedAt: now })
    .where(and(eq(paymentLinks.orderId, order.id), leaving("pay")))
    .returning();
  if (!row) return null;
  await recordEvent(tx, row.merchantId, "payment_link.paid", {
    payment_link: serializePaymentLink(row, tx.config.checkoutUrl),
    payment: serializePayment(payment),
    order: serializeOrder(order),
  });
  return row;
}

/** A cancelled order cancels its link (the link can no longer be paid); null when it had none open. */
export async function cancelLinkOfOrder(tx: TxContext, orderId: string) {
  const now = tx.clock.now();
  const [row] = await tx.db
    .update(paymentLinks)
    .set({ status: "cancelled", updatedAt: now })
    .where(and(eq(paymentLinks.orderId, orderId), leaving("cancel")))
    .returning();
  return row ?? null;
}

/** created → expired; null when the link had already moved. */
export async function expireLinkRow(tx: TxContext, linkId: string) {
  const [row] = await tx.db
    .update(paymentLinks)
    .set({ status: "expired", updatedAt: tx.clock.now() })
    .where(and(eq(paymentLinks.id, linkId), leaving("expire")))
    .returning();
  return row ?? null;
}
