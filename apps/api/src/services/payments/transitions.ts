import type { DeclineCode, PaymentStatus } from "@paygate/contracts";
import { declineDescriptions } from "@paygate/contracts";
import { and, eq, ne } from "drizzle-orm";
import { type OrderRow, orders, type PaymentRow, payments } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import type { ServiceContext } from "../context.js";
import { recordEvent } from "../events/record-event.js";
import { enqueueJob } from "../jobs/queue.js";
import { isPayable, moveOrder } from "../orders/transitions.js";
import { serializeOrder, serializePayment } from "../serialize.js";

/**
 * Every status a payment may move to from each status (SPEC §5, §13). Nothing ever moves back:
 * `failed`, `voided` and `refunded` are final.
 */
export const paymentTransitions = {
  pending: ["requires_action", "authorized", "failed"],
  requires_action: ["authorized", "failed"],
  authorized: ["captured", "voided"],
  captured: ["refunded"],
  failed: [],
  voided: [],
  refunded: [],
} as const satisfies Record<PaymentStatus, readonly PaymentStatus[]>;

export function canMovePayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return (paymentTransitions[from] as readonly PaymentStatus[]).includes(to);
}

/** Why a payment could not go on because of its order. */
export function orderClosedCode(order: Pick<OrderRow, "status">): DeclineCode {
  return order.status === "cancelled" ? "order_cancelled" : "order_already_paid";
}

/**
 * Locks a payment's order, then the payment: the one lock order every money transaction uses
 * (order row, then payment rows), so two of them can never wait on each other. `merchantId`
 * scopes the lookup for merchant requests; workers pass null.
 */
export async function lockOrderAndPayment(
  ctx: ServiceContext,
  paymentId: string,
  merchantId: string | null,
): Promise<{ order: OrderRow; payment: PaymentRow }> {
  const scope = merchantId === null ? eq(payments.id, paymentId) : and(eq(payments.id, paymentId), eq(payments.merchantId, merchantId));
  // The order id never changes, so reading it unlocked first is safe.
  const [ref] = await ctx.db.select({ orderId: payments.orderId }).from(payments).where(scope);
  if (!ref) throw notFound("Payment");
  const [order] = await ctx.db.select().from(orders).where(eq(orders.id, ref.orderId)).for("update");
  const [payment] = await ctx.db.select().from(payments).where(eq(payments.id, paymentId)).for("update");
  if (!order || !payment) throw notFound("Payment");
  return { order, payment };
}

/**
 * Moves a locked payment along one transition of the table, guarded by the status it leaves
 * (`WHERE status = …`): a rerun (a worker that died after committing, a duplicate job) changes
 * nothing. Callers hold a transaction and the order's lock; the outbox event commits with it.
 */
async function movePayment(
  ctx: ServiceContext,
  payment: PaymentRow,
  to: PaymentStatus,
  changes: Partial<Pick<PaymentRow, "errorCode" | "errorDescription" | "captured" | "authorizedAt" | "capturedAt">> = {},
): Promise<PaymentRow | null> {
  if (!canMovePayment(payment.status, to)) throw new Error(`payment ${payment.id}: ${payment.status} → ${to} is not a transition`);
  const [row] = await ctx.db
    .update(payments)
    .set({ ...changes, status: to, updatedAt: ctx.clock.now() })
    .where(and(eq(payments.id, payment.id), eq(payments.status, payment.status)))
    .returning();
  return row ?? null;
}

/** pending / requires_action → failed, with the decline reason. */
export async function failPayment(ctx: ServiceContext, payment: PaymentRow, code: DeclineCode) {
  const row = await movePayment(ctx, payment, "failed", { errorCode: code, errorDescription: declineDescriptions[code] });
  if (row) await recordEvent(ctx, row.merchantId, "payment.failed", { payment: serializePayment(row) });
  return row;
}

/** pending → requires_action; it fails with `authentication_timeout` if not authenticated in time. */
export async function requireAction(ctx: ServiceContext, payment: PaymentRow) {
  const row = await movePayment(ctx, payment, "requires_action");
  if (row) {
    await enqueueJob(ctx, { type: "payment.action_timeout", payload: { payment_id: row.id }, delayMs: ctx.config.actionTimeoutMs });
  }
  return row;
}

/**
 * pending / requires_action → authorized, and at once → captured for automatic capture. The
 * order must be locked by the caller and still payable; an authorization not captured within
 * AUTH_EXPIRY_HOURS is voided by a job queued here.
 */
export async function authorizePayment(ctx: ServiceContext, order: OrderRow, payment: PaymentRow) {
  if (!isPayable(order)) return failPayment(ctx, payment, orderClosedCode(order));
  const row = await movePayment(ctx, payment, "authorized", { authorizedAt: ctx.clock.now() });
  if (!row) return null;
  await recordEvent(ctx, row.merchantId, "payment.authorized", { payment: serializePayment(row) });
  if (row.captureMode === "automatic") return capture(ctx, order, row);
  await enqueueJob(ctx, { type: "payment.expire_authorization", payload: { payment_id: row.id }, delayMs: ctx.config.authExpiryMs });
  return row;
}

/**
 * authorized → captured, and the order → paid: the one capture of the order. The caller holds
 * the order's lock and has checked it is payable; the order's other authorizations are voided
 * in the same transaction, so no second capture can ever find one.
 */
export async function capture(ctx: ServiceContext, order: OrderRow, payment: PaymentRow) {
  const row = await movePayment(ctx, payment, "captured", { captured: true, capturedAt: ctx.clock.now() });
  if (!row) return null;
  const paid = await moveOrder(ctx, order, "paid", { amountPaid: order.amountPaid + row.amount });
  // The order was checked payable under its lock; a guard miss here means that check was skipped.
  if (!paid) throw new Error(`order ${order.id} was not payable at capture`);
  const paymentData = serializePayment(row);
  await recordEvent(ctx, row.merchantId, "payment.captured", { payment: paymentData, order: serializeOrder(paid) });
  await recordEvent(ctx, row.merchantId, "order.paid", { payment: paymentData, order: serializeOrder(paid) });
  await voidOtherAuthorizations(ctx, paid, row.id);
  return row;
}

/** authorized → voided (`error_code` says why when it was not the merchant's own void). */
export async function voidAuthorization(ctx: ServiceContext, payment: PaymentRow, code: DeclineCode | null) {
  const row = await movePayment(ctx, payment, "voided", {
    errorCode: code,
    errorDescription: code === null ? null : declineDescriptions[code],
  });
  if (row) await recordEvent(ctx, row.merchantId, "payment.voided", { payment: serializePayment(row) });
  return row;
}

/**
 * Voids every authorized payment of an order that just became paid or cancelled (but `keep`, the
 * payment that paid it). The caller holds the order's lock; the payments are locked after it.
 */
export async function voidOtherAuthorizations(ctx: ServiceContext, order: OrderRow, keep: string | null) {
  const filters = [eq(payments.orderId, order.id), eq(payments.status, "authorized" as const)];
  if (keep !== null) filters.push(ne(payments.id, keep));
  const authorized = await ctx.db
    .select()
    .from(payments)
    .where(and(...filters))
    .orderBy(payments.id)
    .for("update");
  for (const payment of authorized) await voidAuthorization(ctx, payment, orderClosedCode(order));
}
