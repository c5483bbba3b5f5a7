import { refundCreateSchema, refundListQuerySchema } from "@paygate/contracts";
import { formatAmount } from "@paygate/contracts/currency";
import { and, desc, eq, ne, type SQL, sum } from "drizzle-orm";
import type { z } from "zod";
import { refunds } from "../../db/schema/index.js";
import { notFound, ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { enqueueJob } from "../jobs/queue.js";
import { postRefund } from "../ledger/postings.js";
import { loadPayment } from "../payments/payments.js";
import { paymentCan } from "../payments/transitions.js";
import { page, serializeRefund } from "../serialize.js";

/**
 * `POST /payments/:id/refunds`. The payment row is locked while the refundable remainder is
 * computed and the refund inserted, so concurrent refunds can never exceed what was captured.
 */
export async function createRefund({
  ctx,
  merchantId,
  paymentId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  paymentId: string;
  input: z.input<typeof refundCreateSchema>;
}) {
  const body = refundCreateSchema.parse(input);
  return withTransaction(ctx, async (tx) => {
    const payment = await loadPayment(tx, merchantId, paymentId, true);
    if (!paymentCan("refund", payment.status)) {
      throw new ServiceError("payment_not_refundable", `Only a captured payment can be refunded; this one is ${payment.status}`, {
        param: "id",
      });
    }
    const [committed] = await tx.db
      .select({ total: sum(refunds.amount) })
      .from(refunds)
      .where(and(eq(refunds.paymentId, paymentId), ne(refunds.status, "failed")));
    const remaining = payment.amount - Number(committed?.total ?? 0);
    const amount = body.amount ?? remaining;
    if (amount <= 0 || amount > remaining) {
      const description =
        remaining <= 0
          ? "Nothing is left to refund: the remaining refundable amount is 0"
          : `A refund of ${amount} exceeds the remaining refundable amount of ${remaining} (${formatAmount(remaining, payment.currency)})`;
      throw new ServiceError("refund_exceeds_captured", description, {
        param: "amount",
        meta: { refundable: remaining },
      });
    }
    const [row] = await tx.db
      .insert(refunds)
      .values({
        id: newId("refund"),
        merchantId,
        paymentId,
        amount,
        currency: payment.currency,
        reason: body.reason ?? null,
        status: "pending",
        createdAt: tx.clock.now(),
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await postRefund(tx, row, payment);
    await enqueueJob(tx, "refund.process", { refund_id: row.id }, { delayMs: ctx.processor.refundDelayMs() });
    return serializeRefund(row);
  });
}

export async function getRefund({ ctx, merchantId, refundId }: { ctx: ServiceContext; merchantId: string; refundId: string }) {
  const [row] = await ctx.db
    .select()
    .from(refunds)
    .where(and(eq(refunds.id, refundId), eq(refunds.merchantId, merchantId)));
  if (!row) throw notFound("Refund");
  return serializeRefund(row);
}

export async function listRefunds({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof refundListQuerySchema>;
}) {
  const { limit, offset, payment_id: paymentId } = refundListQuerySchema.parse(query);
  const filters: SQL[] = [eq(refunds.merchantId, merchantId)];
  if (paymentId) filters.push(eq(refunds.paymentId, paymentId));
  const rows = await ctx.db
    .select()
    .from(refunds)
    .where(and(...filters))
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializeRefund), limit, offset);
}
