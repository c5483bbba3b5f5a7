import type { DeclineCode } from "@paygate/contracts";
import { declineDescriptions } from "@paygate/contracts";
import { and, eq, inArray } from "drizzle-orm";
import { orders, type PaymentRow, payments } from "../../db/schema/index.js";
import type { TxContext } from "../context.js";
import { recordEvent } from "../events/record-event.js";
import { postCapture } from "../ledger/postings.js";
import { orderCan, payOrder } from "../orders/transitions.js";
import { serializeOrder, serializePayment } from "../serialize.js";

type PaymentStatus = PaymentRow["status"];

/**
 * State transitions of a payment, with the statuses each may leave. Every UPDATE below is
 * guarded by them (`WHERE status IN …`), so a rerun (a worker that died after committing, a
 * duplicate job) never moves money twice. Callers hold a transaction (`TxContext`); the outbox
 * event commits with the change.
 */
export const paymentTransitions = {
  requireAction: ["pending"],
  /** The shopper's 3-D Secure answer: only a payment waiting for it. */
  authenticate: ["requires_action"],
  authorize: ["pending", "requires_action"],
  fail: ["pending", "requires_action"],
  capture: ["authorized"],
  refund: ["captured"],
} as const satisfies Record<string, readonly PaymentStatus[]>;

/** True when `status` may take `transition` (service checks that answer with a 4xx before the guarded UPDATE). */
export function paymentCan(transition: keyof typeof paymentTransitions, status: PaymentStatus): boolean {
  const from: readonly PaymentStatus[] = paymentTransitions[transition];
  return from.includes(status);
}

const leaving = (payment: PaymentRow, transition: keyof typeof paymentTransitions) =>
  and(eq(payments.id, payment.id), eq(payments.status, payment.status), inArray(payments.status, paymentTransitions[transition]));

export async function failPayment(ctx: TxContext, payment: PaymentRow, code: DeclineCode) {
  const [row] = await ctx.db
    .update(payments)
    .set({ status: "failed", errorCode: code, errorDescription: declineDescriptions[code], updatedAt: new Date() })
    .where(leaving(payment, "fail"))
    .returning();
  if (row) await recordEvent(ctx, row.merchantId, "payment.failed", { payment: serializePayment(row) });
  return row ?? null;
}

export async function requireAction(ctx: TxContext, payment: PaymentRow) {
  const [row] = await ctx.db
    .update(payments)
    .set({ status: "requires_action", updatedAt: new Date() })
    .where(leaving(payment, "requireAction"))
    .returning();
  return row ?? null;
}

/** pending / requires_action → authorized (→ captured at once for automatic capture). */
export async function authorizePayment(ctx: TxContext, payment: PaymentRow) {
  const [order] = await ctx.db.select().from(orders).where(eq(orders.id, payment.orderId)).for("update");
  if (!order || !orderCan("attempt", order.status)) {
    return failPayment(ctx, payment, "order_already_paid");
  }
  const [row] = await ctx.db
    .update(payments)
    .set({ status: "authorized", authorizedAt: new Date(), updatedAt: new Date() })
    .where(leaving(payment, "authorize"))
    .returning();
  if (!row) return null;
  await recordEvent(ctx, row.merchantId, "payment.authorized", { payment: serializePayment(row) });
  return row.captureMode === "automatic" ? capture(ctx, row) : row;
}

/** authorized → captured; the order becomes paid. */
export async function capture(ctx: TxContext, payment: PaymentRow) {
  const [row] = await ctx.db
    .update(payments)
    .set({ status: "captured", captured: true, capturedAt: ctx.clock.now(), updatedAt: new Date() })
    .where(and(eq(payments.id, payment.id), inArray(payments.status, paymentTransitions.capture)))
    .returning();
  if (!row) return null;
  await postCapture(ctx, row);
  const order = await payOrder(ctx, row.orderId, row.amount);
  const paymentData = serializePayment(row);
  await recordEvent(ctx, row.merchantId, "payment.captured", {
    payment: paymentData,
    ...(order ? { order: serializeOrder(order) } : {}),
  });
  if (order) await recordEvent(ctx, row.merchantId, "order.paid", { payment: paymentData, order: serializeOrder(order) });
  return row;
}
