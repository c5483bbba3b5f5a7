import { eq } from "drizzle-orm";
import { z } from "zod";
import { payments, refunds } from "../../db/schema/index.js";
import { type ServiceContext, type TxContext, withTransaction } from "../context.js";
import { defineJob } from "../jobs/define-job.js";
import { failRefund, markRefundProcessed } from "./transitions.js";

/** The refund and its payment, locked, while the refund is still pending (null otherwise). */
async function lockPendingRefund(tx: TxContext, refundId: string) {
  const [refund] = await tx.db.select().from(refunds).where(eq(refunds.id, refundId)).for("update");
  if (!refund || refund.status !== "pending") return null;
  const [payment] = await tx.db.select().from(payments).where(eq(payments.id, refund.paymentId)).for("update");
  return payment ? { refund, payment } : null;
}

/**
 * The worker's step for a due `refund.process` job: the acquirer is asked outside any
 * transaction, then the outcome is applied under locks and status guards (a rerun changes nothing).
 */
export async function processRefund(ctx: ServiceContext, refundId: string, signal?: AbortSignal) {
  const [pending] = await ctx.db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!pending || pending.status !== "pending") return;
  const [charged] = await ctx.db.select().from(payments).where(eq(payments.id, pending.paymentId));
  if (!charged) return;
  const result = await ctx.processor.refund({
    reference: charged.processorRef,
    idempotencyKey: pending.id,
    amount: pending.amount,
    currency: pending.currency,
    signal,
  });
  await withTransaction(ctx, async (tx) => {
    const locked = await lockPendingRefund(tx, refundId);
    if (!locked) return;
    if (result.outcome === "failed") await failRefund(tx, locked.refund, locked.payment, result.code);
    else await markRefundProcessed(tx, locked.refund, locked.payment);
  });
}

export const processRefundJob = defineJob(
  "refund.process",
  z.object({ refund_id: z.string() }),
  ({ ctx, payload, signal }) => processRefund(ctx, payload.refund_id, signal),
  {
    // Out of attempts: the refund fails (and says so) rather than stay pending forever.
    async onExhausted({ tx, payload }) {
      const locked = await lockPendingRefund(tx, payload.refund_id);
      if (locked) await failRefund(tx, locked.refund, locked.payment);
    },
  },
);
