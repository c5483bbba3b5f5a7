import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { ledgerEntries, ledgerLines, merchants, type PaymentRow, payments, type RefundRow } from "../../db/schema/index.js";
import { type ServiceContext, type TxContext, withTransaction } from "../context.js";
import { defineJob } from "../jobs/define-job.js";
import { enqueueJob } from "../jobs/queue.js";
import { feeFor, feeScheduleOf } from "./fees.js";
import { accountId, creditLine, creditsMinusDebits, debitLine, merchantAccount, platformAccount, postEntry } from "./journal.js";

/**
 * The ledger side of each money movement, one function per transition, each called inside the
 * transaction that makes the state change (capture, refund, refund failure), so the entry
 * commits with it or not at all. Callers hold the payment's row lock: every posting about one
 * payment is serialised by it.
 */

const DAY_MS = 86_400_000;

/** When a capture's net becomes available: exactly SETTLEMENT_DELAY_DAYS after the capture. */
export function availableOnFor(ctx: ServiceContext, capturedAt: Date): Date {
  return new Date(capturedAt.getTime() + ctx.config.settlementDelayDays * DAY_MS);
}

/**
 * Capture: the acquirer owes us the gross amount (debit), the merchant's pending balance gets the
 * net and the platform's fees account the fee (credits). Queues the move to `available` for
 * `available_on`.
 */
export async function postCapture(ctx: TxContext, payment: PaymentRow) {
  const [merchant] = await ctx.db
    .select({ feeBps: merchants.feeBps, feeFixed: merchants.feeFixed })
    .from(merchants)
    .where(eq(merchants.id, payment.merchantId));
  const fee = feeFor(payment.amount, feeScheduleOf(ctx, merchant ?? { feeBps: null, feeFixed: null }));
  const net = payment.amount - fee;
  const { merchantId, currency } = payment;
  const availableOn = availableOnFor(ctx, payment.capturedAt ?? ctx.clock.now());
  const entry = await postEntry(ctx, {
    type: "payment",
    merchantId,
    currency,
    sourceId: payment.id,
    paymentId: payment.id,
    amount: payment.amount,
    fee,
    net,
    availableOn,
    lines: [
      ...debitLine(platformAccount(currency, "acquirer"), payment.amount),
      ...creditLine(merchantAccount(merchantId, currency, "pending"), net),
      ...creditLine(platformAccount(currency, "fees"), fee),
    ],
  });
  if (entry) {
    const delayMs = Math.max(0, availableOn.getTime() - ctx.clock.now().getTime());
    await enqueueJob(ctx, "ledger.release", { payment_id: payment.id }, { delayMs });
  }
  return entry;
}

type PaymentRef = Pick<PaymentRow, "id" | "merchantId" | "currency">;

/**
 * Where a payment's net sits now: `pending` before its `available_on`, `available` after. A
 * payment past its time whose move has not run yet (its job is late) is moved first, so a
 * refund never takes from a balance the payment's net is about to leave.
 */
async function netLocation(ctx: TxContext, payment: PaymentRef): Promise<{ kind: "pending" | "available"; availableOn: Date }> {
  const now = ctx.clock.now();
  const entries = await ctx.db
    .select({ type: ledgerEntries.type, availableOn: ledgerEntries.availableOn })
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.type, ["payment", "release"]), eq(ledgerEntries.sourceId, payment.id)));
  const captured = entries.find((entry) => entry.type === "payment");
  // No capture entry: captured before the ledger existed; its money counts as available.
  if (!captured || entries.some((entry) => entry.type === "release")) return { kind: "available", availableOn: now };
  if (captured.availableOn > now) return { kind: "pending", availableOn: captured.availableOn };
  await postRelease(ctx, payment, captured.availableOn);
  return { kind: "available", availableOn: now };
}

/**
 * Pending → available for one payment: moves what the payment still holds in `pending` (its net
 * less refunds taken from pending, plus reversed refund failures), which may be negative.
 */
async function postRelease(ctx: TxContext, payment: PaymentRef, availableOn: Date) {
  const pending = merchantAccount(payment.merchantId, payment.currency, "pending");
  const [held] = await ctx.db
    .select({ amount: creditsMinusDebits })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerLines.entryId, ledgerEntries.id))
    .where(and(eq(ledgerEntries.paymentId, payment.id), eq(ledgerLines.accountId, accountId(pending))));
  const amount = Number(held?.amount ?? 0);
  return postEntry(ctx, {
    type: "release",
    merchantId: payment.merchantId,
    currency: payment.currency,
    sourceId: payment.id,
    paymentId: payment.id,
    amount,
    fee: 0,
    net: amount,
    availableOn,
    lines: [
      ...creditLine(pending, -amount),
      ...creditLine(merchantAccount(payment.merchantId, payment.currency, "available"), amount),
    ],
  });
}

/**
 * The `ledger.release` job at a payment's `available_on`. Asks to run again later if the clock
 * has not reached it yet (the job queue and the clock may disagree).
 */
export async function releasePayment(ctx: ServiceContext, paymentId: string): Promise<undefined | { retryInMs: number }> {
  return withTransaction(ctx, async (tx) => {
    const [payment] = await tx.db.select().from(payments).where(eq(payments.id, paymentId)).for("update");
    if (!payment) return undefined;
    const where = await netLocation(tx, payment);
    if (where.kind === "pending") return { retryInMs: Math.max(1000, where.availableOn.getTime() - tx.clock.now().getTime()) };
    return undefined;
  });
}

/** A refund, posted when it is created: out of the balance where the payment's net sits, back to the acquirer. */
export async function postRefund(ctx: TxContext, refund: RefundRow, payment: PaymentRef) {
  const where = await netLocation(ctx, payment);
  return postEntry(ctx, {
    type: "refund",
    merchantId: payment.merchantId,
    currency: payment.currency,
    sourceId: refund.id,
    paymentId: payment.id,
    amount: -refund.amount,
    fee: 0,
    net: -refund.amount,
    availableOn: where.availableOn,
    lines: [
      ...creditLine(merchantAccount(payment.merchantId, payment.currency, where.kind), -refund.amount),
      ...debitLine(platformAccount(payment.currency, "acquirer"), -refund.amount),
    ],
  });
}

/** A failed refund reversed: the amount returns to where the payment's net sits now. */
export async function postRefundFailure(ctx: TxContext, refund: RefundRow, payment: PaymentRef) {
  const where = await netLocation(ctx, payment);
  return postEntry(ctx, {
    type: "refund_failure",
    merchantId: payment.merchantId,
    currency: payment.currency,
    sourceId: refund.id,
    paymentId: payment.id,
    amount: refund.amount,
    fee: 0,
    net: refund.amount,
    availableOn: where.availableOn,
    lines: [
      ...creditLine(merchantAccount(payment.merchantId, payment.currency, where.kind), refund.amount),
      ...debitLine(platformAccount(payment.currency, "acquirer"), refund.amount),
    ],
  });
}

export const releasePaymentJob = defineJob("ledger.release", z.object({ payment_id: z.string() }), ({ ctx, payload }) =>
  releasePayment(ctx, payload.payment_id),
);
