import { and, eq, inArray, sql } from "drizzle-orm";
import { type OrderRow, orders } from "../../db/schema/index.js";
import type { TxContext } from "../context.js";
import { releaseDiscount } from "../discounts/reservations.js";

type OrderStatus = OrderRow["status"];

/**
 * The order state machine: each transition names the statuses it may leave, and the UPDATEs
 * below are guarded by exactly these (`WHERE status IN …`), so concurrent payments, a cancel
 * racing a capture or a rerun job cannot move an order twice.
 */
export const orderTransitions = {
  /** A payment is tried: created → attempted (attempted stays attempted, counting the try). */
  attempt: ["created", "attempted"],
  cancel: ["created", "attempted"],
  /**
   * A capture, only while the order is payable (SPEC §13): a cancelled order is never paid (its
   * authorizations were voided with the cancel), a paid one is paid once.
   */
  pay: ["created", "attempted"],
} as const satisfies Record<string, readonly OrderStatus[]>;

/** True when `status` may take `transition` (for checks before the guarded UPDATE, e.g. under a lock). */
export function orderCan(transition: keyof typeof orderTransitions, status: OrderStatus): boolean {
  const from: readonly OrderStatus[] = orderTransitions[transition];
  return from.includes(status);
}

/** Whether an order may still be paid: take a payment, have one authorized or captured. */
export const isPayable = (order: Pick<OrderRow, "status">) => orderCan("pay", order.status);

/** Counts a payment attempt on a payable order and locks it; null when the order is not payable. */
export async function attemptOrder(tx: TxContext, merchantId: string, orderId: string) {
  const [row] = await tx.db
    .update(orders)
    .set({
      status: sql`case when ${orders.status} = 'created' then 'attempted' else ${orders.status} end`,
      attempts: sql`${orders.attempts} + 1`,
      updatedAt: tx.clock.now(),
    })
    .where(and(eq(orders.id, orderId), eq(orders.merchantId, merchantId), inArray(orders.status, orderTransitions.attempt)))
    .returning();
  return row ?? null;
}

export async function cancelOrderRow(tx: TxContext, orderId: string) {
  const [row] = await tx.db
    .update(orders)
    .set({ status: "cancelled", updatedAt: tx.clock.now() })
    .where(and(eq(orders.id, orderId), inArray(orders.status, orderTransitions.cancel)))
    .returning();
  // A cancelled order gives its promo code's reserved use back (its `discount` stays as history).
  if (row?.discountCode) await releaseDiscount(tx, orderId);
  return row ?? null;
}

/** The order is paid by `amount` (a captured payment); null when it already was. */
export async function payOrder(tx: TxContext, orderId: string, amount: number) {
  const [row] = await tx.db
    .update(orders)
    .set({ status: "paid", amountPaid: sql`${orders.amountPaid} + ${amount}`, updatedAt: tx.clock.now() })
    .where(and(eq(orders.id, orderId), inArray(orders.status, orderTransitions.pay)))
    .returning();
  return row ?? null;
}
