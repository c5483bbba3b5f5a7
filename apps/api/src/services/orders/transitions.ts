import type { OrderStatus } from "@paygate/contracts";
import { and, eq } from "drizzle-orm";
import { type OrderRow, orders } from "../../db/schema/index.js";
import type { ServiceContext } from "../context.js";

/**
 * Every status an order may move to from each status (SPEC §5, §13). `paid` and `cancelled` are
 * final: a paid order accepts no payment and cannot be cancelled, a cancelled one is never paid.
 */
export const orderTransitions = {
  created: ["attempted", "paid", "cancelled"],
  attempted: ["paid", "cancelled"],
  paid: [],
  cancelled: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return (orderTransitions[from] as readonly OrderStatus[]).includes(to);
}

/** Whether an order may still be paid (take a payment, have one authorized or captured). */
export function isPayable(order: Pick<OrderRow, "status">): boolean {
  return order.status === "created" || order.status === "attempted";
}

/**
 * Moves a locked order along one transition, guarded by the status it leaves, so a second mover
 * that read the same row changes nothing. Returns null when the guard did not match.
 */
export async function moveOrder(
  ctx: ServiceContext,
  order: OrderRow,
  to: OrderStatus,
  changes: Partial<Pick<OrderRow, "amountPaid">> = {},
): Promise<OrderRow | null> {
  if (!canMoveOrder(order.status, to)) throw new Error(`order ${order.id}: ${order.status} → ${to} is not a transition`);
  const [row] = await ctx.db
    .update(orders)
    .set({ ...changes, status: to, updatedAt: ctx.clock.now() })
    .where(and(eq(orders.id, order.id), eq(orders.status, order.status)))
    .returning();
  return row ?? null;
}
