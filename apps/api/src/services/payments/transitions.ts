import type { DeclineCode } from "@paygate/contracts";
import { declineDescriptions } from "@paygate/contracts";
import { and, eq, ne, sql } from "drizzle-orm";
import { orders, type PaymentRow, payments } from "../../db/schema/index.js";
import type { ServiceContext } from "../context.js";
import { recordEvent } from "../events/record-event.js";
import { postCapture } from "../ledger/postings.js";
import { serializeOrder, serializePayment } from "../serialize.js";

/**
 * State transitions of a payment. Each is guarded by the status it leaves (`WHERE status = …`),
 * so a rerun (a worker that died after committing, a duplicate job) never moves money twice.
 * Callers hold a transaction; the outbox event commits with the change.
 */

export async function failPayment(ctx: ServiceContext, payment: PaymentRow, code: DeclineCode) {
  const [row] = await ctx.db
    .update(payments)
    .set({ status: "failed", errorCode: code, errorDescription: declineDescriptions[code], updatedAt: new Date() })
    .where(and(eq(payments.id, payment.id), eq(payments.status, payment.status)))
    .returning();
  if (row) await recordEvent(ctx, row.merchantId, "payment.failed", { payment: serializePayment(row) });
  return row ?? null;
}

export async function requireAction(ctx: ServiceContext, payment: PaymentRow) {
  const [row] = await ctx.db
    .update(payments)
    .set({ status: "requires_action", updatedAt: new Date() })
    .where(and(eq(payments.id, payment.id), eq(payments.status, "pending")))
    .returning();
  return row ?? null;
}

/** pending / requires_action → authorized (→ captured at once for automatic capture). */
export async function authorizePayment(ctx: ServiceContext, payment: PaymentRow) {
  const [order] = await ctx.db.select().from(orders).where(eq(orders.id, payment.orderId)).for("update");
  if (!order || order.status === "paid" || order.status === "cancelled") {
    return failPayment(ctx, payment, "order_already_paid");
  }
  const [row] = await ctx.db
    .update(payments)
    .set({ status: "authorized", authorizedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(payments.id, payment.id), eq(payments.status, payment.status)))
    .returning();
  if (!row) return null;
  await recordEvent(ctx, row.merchantId, "payment.authorized", { payment: serializePayment(row) });
  return row.captureMode === "automatic" ? capture(ctx, row) : row;
}

/** authorized → captured; the order becomes paid. */
export async function capture(ctx: ServiceContext, payment: PaymentRow) {
  const [row] = await ctx.db
    .update(payments)
    .set({ status: "captured", captured: true, capturedAt: ctx.clock.now(), updatedAt: new Date() })
    .where(and(eq(payments.id, payment.id), eq(payments.status, "authorized")))
    .returning();
  if (!row) return null;
  await postCapture(ctx, row);
  const [order] = await ctx.db
    .update(orders)
    .set({ status: "paid", amountPaid: sql`${orders.amountPaid} + ${row.amount}`, updatedAt: new Date() })
    .where(and(eq(orders.id, row.orderId), ne(orders.status, "paid")))
    .returning();
  const paymentData = serializePayment(row);
  await recordEvent(ctx, row.merchantId, "payment.captured", {
    payment: paymentData,
    ...(order ? { order: serializeOrder(order) } : {}),
  });
  if (order) await recordEvent(ctx, row.merchantId, "order.paid", { payment: paymentData, order: serializeOrder(order) });
  return row;
}
