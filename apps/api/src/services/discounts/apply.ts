import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { invoices, type OrderRow, orders, payments } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import { type ServiceContext, type TxContext, withTransaction } from "../context.js";
import { loadOrder } from "../orders/orders.js";
import { isPayable } from "../orders/transitions.js";
import { serializeOrder } from "../serialize.js";
import { type CustomerRef, releaseDiscount, reserveDiscount } from "./reservations.js";

/** Payments that may still take the order's amount due: while one exists, the amount must not move. */
const IN_FLIGHT = ["pending", "requires_action", "authorized"] as const;

/**
 * A code is applied or removed only on a payable order with no payment in flight: a pending,
 * 3-D Secure or authorized payment already carries the amount it will capture, so changing the
 * discount under it would charge the wrong amount. Otherwise 409 `order_not_payable`. The caller
 * holds the order's lock, which payment creation also takes, so no payment starts meanwhile.
 */
async function assertDiscountChangeable(tx: TxContext, order: OrderRow) {
  if (!isPayable(order)) {
    throw new ServiceError("order_not_payable", `The order is ${order.status}: its promo code can no longer change`, {
      param: "order_id",
    });
  }
  if (await hasPaymentInFlight(tx.db, order.id)) {
    throw new ServiceError("order_not_payable", "A payment is in progress on this order: its promo code cannot change now", {
      param: "order_id",
    });
  }
}

/**
 * Why the shopper may not put a promo code on this order in its checkout, if so. Not on an
 * invoice's order: its total already carries the discount chosen when the invoice was drafted, and
 * a second one would pay the invoice for less than its total. Not on a subscription's order: the
 * period's amount is the subscription's.
 */
async function promoCodeRefusal(db: DbOrTx, order: OrderRow): Promise<ServiceError | null> {
  if (order.subscriptionId !== null) {
    return new ServiceError("validation_error", "Promo codes do not apply to a subscription's payments", { param: "code" });
  }
  const [invoice] = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.orderId, order.id)).limit(1);
  if (!invoice) return null;
  return new ServiceError("validation_error", "Promo codes apply to an invoice when it is drafted, not in its checkout", {
    param: "code",
  });
}

async function hasPaymentInFlight(db: DbOrTx, orderId: string) {
  const [inFlight] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.orderId, orderId), inArray(payments.status, IN_FLIGHT)))
    .limit(1);
  return inFlight !== undefined;
}

/**
 * `promo_codes` of the public checkout order: whether its "Promo code" field is shown. False for
 * an invoice's or a subscription's order, an order no longer payable, or one with money in flight.
 */
export async function promoCodesAccepted(db: DbOrTx, order: OrderRow): Promise<boolean> {
  if (!isPayable(order) || (await promoCodeRefusal(db, order))) return false;
  return !(await hasPaymentInFlight(db, order.id));
}

/**
 * Applies `code` to the order (replacing its current code, whose use is given back). Re-applying
 * the code already on the order changes nothing.
 */
export async function applyOrderDiscount({
  ctx,
  merchantId,
  orderId,
  code,
  customer,
}: {
  ctx: ServiceContext;
  merchantId: string;
  orderId: string;
  code: string;
  customer: CustomerRef;
}) {
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, merchantId, orderId, true);
    const refusal = await promoCodeRefusal(tx.db, order);
    if (refusal) throw refusal;
    await assertDiscountChangeable(tx, order);
    if (order.discountCode === code.trim().toUpperCase()) return serializeOrder(order);
    if (order.discountCode) await releaseDiscount(tx, order.id);
    const row = await reserveDiscount(tx, order, code, {
      email: order.customerEmail ?? customer.email,
      customerId: order.customerId,
    });
    return serializeOrder(row);
  });
}

/** Removes the order's code and gives its use back; an order without one is returned as it is. */
export async function removeOrderDiscount({
  ctx,
  merchantId,
  orderId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  orderId: string;
}) {
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, merchantId, orderId, true);
    if (!order.discountCode) return serializeOrder(order);
    await assertDiscountChangeable(tx, order);
    await releaseDiscount(tx, order.id);
    const [row] = await tx.db
      .update(orders)
      .set({ discountCode: null, discountAmount: 0, updatedAt: tx.clock.now() })
      .where(eq(orders.id, order.id))
      .returning();
    if (!row) throw new Error(`order ${order.id} vanished under its lock`);
    return serializeOrder(row);
  });
}
