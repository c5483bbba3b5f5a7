import { z } from "zod";
import { type ServiceContext, withTransaction } from "../context.js";
import { defineJob } from "../jobs/define-job.js";
import { cancelOrder } from "../orders/orders.js";
import { expireLinkRow, lockLinkAndOrder } from "./transitions.js";

/**
 * A `created` link past its `expire_by` becomes `expired`, and its order is cancelled (which voids
 * any authorization on it, SPEC §13). Guarded by status and by the clock: a job that runs after
 * the link was paid or cancelled, or before its time (re-delivered), changes nothing. The public
 * page calls it too, so a link read after its time is expired even before the job has run.
 */
export async function expirePaymentLink(ctx: ServiceContext, linkId: string) {
  await withTransaction(ctx, async (tx) => {
    const { link } = await lockLinkAndOrder(tx, linkId, null);
    if (link.status !== "created" || !link.expireBy) return;
    if (link.expireBy.getTime() > tx.clock.now().getTime()) return;
    const expired = await expireLinkRow(tx, link.id);
    if (expired) await cancelOrder({ ctx: tx, merchantId: link.merchantId, orderId: link.orderId });
  });
}

export const expirePaymentLinkJob = defineJob(
  "payment_link.expire",
  z.object({ payment_link_id: z.string() }),
  ({ ctx, payload }) => expirePaymentLink(ctx, payload.payment_link_id),
);
