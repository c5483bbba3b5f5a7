import { eq } from "drizzle-orm";
import { z } from "zod";
import { orders, payments } from "../../db/schema/index.js";
import type { AuthorizeOutcome } from "../../processor/processor.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { askAcquirer, storeSavedCard, vaultCardIfAsked } from "../customers/save-card.js";
import { defineJob } from "../jobs/define-job.js";
import { isPayable } from "../orders/transitions.js";
import { authorizePayment, failPayment, lockOrderAndPayment, orderClosedCode, requireAction } from "./transitions.js";

/**
 * The worker's step for a due `payment.process` job. The acquirer is asked outside any
 * transaction (a slow acquirer must not hold row locks, nor the embedded database's single
 * connection); the outcome is then applied under the order's and the payment's locks and a
 * status guard, so a rerun after a crash, or a second worker after a lease ran out, changes
 * nothing twice. A payment whose order was paid or cancelled meanwhile fails without asking.
 */
export async function processPayment(ctx: ServiceContext, paymentId: string, signal?: AbortSignal) {
  const [payment] = await ctx.db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment || payment.status !== "pending") return;
  const [order] = await ctx.db.select().from(orders).where(eq(orders.id, payment.orderId));
  // The acquirer de-duplicates on the payment id: a rerun after a crash asks again, it does not charge again.
  const result: AuthorizeOutcome | null = order && isPayable(order) ? await askAcquirer(ctx, payment, signal) : null;
  const vaultReference = result?.outcome === "authorized" ? await vaultCardIfAsked(ctx, payment, signal) : null;
  await withTransaction(ctx, async (tx) => {
    const locked = await lockOrderAndPayment(tx, paymentId, null);
    if (locked.payment.status !== "pending") return;
    if (result === null || !isPayable(locked.order)) await failPayment(tx, locked.payment, orderClosedCode(locked.order));
    else if (result.outcome === "authorized") {
      const row = await authorizePayment(tx, locked.order, locked.payment);
      await storeSavedCard(tx, locked.order, row, vaultReference);
    } else if (result.outcome === "requires_action") await requireAction(tx, locked.payment);
    else await failPayment(tx, locked.payment, result.code);
  });
}

export const processPaymentJob = defineJob(
  "payment.process",
  z.object({ payment_id: z.string() }),
  ({ ctx, payload, signal }) => processPayment(ctx, payload.payment_id, signal),
  {
    // Out of attempts (the acquirer kept failing): the payment fails rather than stay pending forever.
    async onExhausted({ tx, payload }) {
      const [payment] = await tx.db.select().from(payments).where(eq(payments.id, payload.payment_id)).for("update");
      if (payment?.status === "pending") await failPayment(tx, payment, "processing_error");
    },
  },
);
