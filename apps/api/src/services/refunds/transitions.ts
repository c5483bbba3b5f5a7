import type { RefundErrorCode } from "@paygate/contracts";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type PaymentRow, payments, type RefundRow, refunds } from "../../db/schema/index.js";
import type { TxContext } from "../context.js";
import { recordEvent } from "../events/record-event.js";
import { postRefundFailure } from "../ledger/postings.js";
import { serializePayment, serializeRefund } from "../serialize.js";

type RefundStatus = RefundRow["status"];

/**
 * The refund state machine: each transition names the statuses it may leave. The UPDATEs below
 * are guarded by exactly these (`WHERE status IN …`), so a rerun or a late worker changes nothing.
 */
export const refundTransitions = {
  process: ["pending"],
  fail: ["pending"],
} as const satisfies Record<string, readonly RefundStatus[]>;

/**
 * pending → failed, with its `refund.failed` event and why (`refund_failed`). A failed refund
 * stops counting against the captured amount: createRefund sums the refunds that did not fail.
 */
export async function failRefund(tx: TxContext, refund: RefundRow, payment: PaymentRow, code: RefundErrorCode = "refund_failed") {
  const [failed] = await tx.db
    .update(refunds)
    .set({ status: "failed", errorCode: code, processedAt: tx.clock.now() })
    .where(and(eq(refunds.id, refund.id), inArray(refunds.status, refundTransitions.fail)))
    .returning();
  if (failed) {
    await postRefundFailure(tx, failed, payment);
    await recordEvent(tx, failed.merchantId, "refund.failed", {
      payment: serializePayment(payment),
      refund: serializeRefund(failed),
    });
  }
  return failed ?? null;
}

/** pending → processed; the payment's refunded amount grows (and it becomes `refunded` once whole). */
export async function markRefundProcessed(tx: TxContext, refund: RefundRow, payment: PaymentRow) {
  const [processed] = await tx.db
    .update(refunds)
    .set({ status: "processed", processedAt: tx.clock.now() })
    .where(and(eq(refunds.id, refund.id), inArray(refunds.status, refundTransitions.process)))
    .returning();
  if (!processed) return null;
  const [updated] = await tx.db
    .update(payments)
    .set({
      amountRefunded: sql`${payments.amountRefunded} + ${processed.amount}`,
      status: sql`case when ${payments.amountRefunded} + ${processed.amount} >= ${payments.amount} then 'refunded' else ${payments.status} end`,
      updatedAt: tx.clock.now(),
    })
    .where(eq(payments.id, payment.id))
    .returning();
  await recordEvent(tx, processed.merchantId, "refund.processed", {
    payment: serializePayment(updated ?? payment),
    refund: serializeRefund(processed),
  });
  return processed;
}
