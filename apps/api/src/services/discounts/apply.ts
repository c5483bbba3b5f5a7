import { and, eq, inArray } from "drizzle-orm";
import { type OrderRow, orders, payments } from "../../db/schema/index.js";
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
  const [inFlight] = await tx.db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.orderId, order.id), inArray(payments.status, IN_FLIGHT)))
    .limit(1);
  if (inFlight) {
    throw new ServiceError("order_not_payable", "A payment is in progress on this order: its promo code cannot change now", {
      param: "order_id",
    });
  }
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
    await assertDiscountChangeable(tx, order);
    if (order.discountCode === code.trim().toUpperCase()) return serializeOrder(order);
    if (order.discountCode) await releaseDiscount(tx, order.id);
    const row = await reserveDiscount(tx, order, code, { email: order.customerEmail ?? customer.email });
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
