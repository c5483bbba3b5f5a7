import { refundCreateSchema, refundListQuerySchema } from "@paygate/contracts";
import { and, desc, eq, ne, type SQL, sql, sum } from "drizzle-orm";
import type { z } from "zod";
import { payments, refunds } from "../../db/schema/index.js";
import { ApiError, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { recordEvent } from "../events/record-event.js";
import { enqueueJob } from "../jobs/queue.js";
import { postRefund, postRefundFailure } from "../ledger/postings.js";
import { loadPayment } from "../payments/payments.js";
import { page, serializePayment, serializeRefund } from "../serialize.js";

/**
 * `POST /payments/:id/refunds`. The payment row is locked while the refundable remainder is
 * computed and the refund inserted, so concurrent refunds can never exceed what was captured.
 */
export async function createRefund({
  ctx,
  merchantId,
  paymentId,
  input,
}: { ctx: ServiceContext; merchantId: string; paymentId: string; input: z.input<typeof refundCreateSchema> }) {
  const body = refundCreateSchema.parse(input);
  return withTransaction(ctx, async (tx) => {
    const payment = await loadPayment(tx, merchantId, paymentId, true);
    if (payment.status !== "captured") {
      throw new ApiError("payment_not_refundable", `Only a captured payment can be refunded; this one is ${payment.status}`, {
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
      throw new ApiError("refund_exceeds_captured", `At most ${remaining} can still be refunded`, {
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
      })
      .returning();
    await postRefund(tx, row!, payment);
    await enqueueJob(tx.db, { type: "refund.process", payload: { refund_id: row!.id }, delayMs: ctx.processor.refundDelayMs() });
    return serializeRefund(row!);
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
}: { ctx: ServiceContext; merchantId: string; query: z.input<typeof refundListQuerySchema> }) {
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

/**
 * The worker's step for a due `refund.process` job: the acquirer is asked outside any
 * transaction, then the outcome is applied under locks and status guards (a rerun changes nothing).
 */
export async function processRefund(ctx: ServiceContext, refundId: string) {
  const [pending] = await ctx.db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!pending || pending.status !== "pending") return;
  const [charged] = await ctx.db.select().from(payments).where(eq(payments.id, pending.paymentId));
  if (!charged) return;
  const result = await ctx.processor.refund({ reference: charged.processorRef, amount: pending.amount, currency: pending.currency });
  await withTransaction(ctx, async (tx) => {
    const [refund] = await tx.db.select().from(refunds).where(eq(refunds.id, refundId)).for("update");
    if (!refund || refund.status !== "pending") return;
    const [payment] = await tx.db.select().from(payments).where(eq(payments.id, refund.paymentId)).for("update");
    if (!payment) return;
    if (result.outcome === "failed") {
      const [failed] = await tx.db
        .update(refunds)
        .set({ status: "failed", processedAt: new Date() })
        .where(and(eq(refunds.id, refundId), eq(refunds.status, "pending")))
        .returning();
      if (failed) {
        await postRefundFailure(tx, failed, payment);
        await recordEvent(tx, refund.merchantId, "refund.failed", { payment: serializePayment(payment), refund: serializeRefund(failed) });
      }
      return;
    }
    const [processed] = await tx.db
      .update(refunds)
      .set({ status: "processed", processedAt: new Date() })
      .where(and(eq(refunds.id, refundId), eq(refunds.status, "pending")))
      .returning();
    if (!processed) return;
    const [updated] = await tx.db
      .update(payments)
      .set({
        amountRefunded: sql`${payments.amountRefunded} + ${processed.amount}`,
        status: sql`case when ${payments.amountRefunded} + ${processed.amount} >= ${payments.amount} then 'refunded' else ${payments.status} end`,
        updatedAt: new Date(),
      })
      .where(eq(payments.id, payment.id))
      .returning();
    await recordEvent(tx, refund.merchantId, "refund.processed", {
      payment: serializePayment(updated ?? payment),
      refund: serializeRefund(processed),
    });
  });
}
