import { type Currency, type Settlement, settlementListQuerySchema } from "@paygate/contracts";
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, max, min, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { ledgerAccounts, ledgerEntries, ledgerLines, type SettlementRow, settlements } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { recordEvent } from "../events/record-event.js";
import { defineJob } from "../jobs/define-job.js";
import { enqueueJobOnce } from "../jobs/queue.js";
import { page } from "../serialize.js";
import { accountId, creditBalance, creditLine, creditsMinusDebits, merchantAccount, postEntry } from "./journal.js";
import { releasePayment } from "./postings.js";

const HOUR_MS = 3_600_000;

/** The first `hourUtc`:00 UTC strictly after `after`. */
export function nextSettlementTime(after: Date, hourUtc: number): Date {
  const sameDay = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), hourUtc);
  return new Date(sameDay > after.getTime() ? sameDay : sameDay + 24 * HOUR_MS);
}

/**
 * Queues the settlement run due next after `after` (by the service clock), once: several API
 * and worker processes starting together, or a run rescheduling itself twice, leave one job
 * per due time.
 */
export async function scheduleSettlement(ctx: ServiceContext, after: Date = ctx.clock.now()): Promise<Date> {
  const dueAt = nextSettlementTime(after, ctx.config.settlementHourUtc);
  await withTransaction(ctx, (tx) => enqueueJobOnce(tx, "settlement.run", { due_at: dueAt.toISOString() }, dueAt));
  return dueAt;
}

/** Moves to `available` every captured payment whose `available_on` has passed (late or lost jobs). */
export async function releaseDuePayments(ctx: ServiceContext): Promise<number> {
  const released = alias(ledgerEntries, "released");
  let moved = 0;
  for (;;) {
    const due = await ctx.db
      .select({ paymentId: ledgerEntries.sourceId })
      .from(ledgerEntries)
      .leftJoin(released, and(eq(released.type, "release"), eq(released.sourceId, ledgerEntries.sourceId)))
      .where(and(eq(ledgerEntries.type, "payment"), lte(ledgerEntries.availableOn, ctx.clock.now()), isNull(released.id)))
      .orderBy(asc(ledgerEntries.availableOn))
      .limit(200);
    for (const { paymentId } of due) await releasePayment(ctx, paymentId);
    moved += due.length;
    if (due.length < 200) return moved;
  }
}

/**
 * The daily `settlement.run` job: first makes everything due available, then settles each
 * merchant's positive available balance per currency, then queues the next run.
 */
export async function runSettlement(ctx: ServiceContext, dueAt: Date = ctx.clock.now()): Promise<Settlement[]> {
  await releaseDuePayments(ctx);
  const candidates = await ctx.db
    .select({ merchantId: ledgerAccounts.merchantId, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .innerJoin(ledgerLines, eq(ledgerLines.accountId, ledgerAccounts.id))
    .where(eq(ledgerAccounts.kind, "available"))
    .groupBy(ledgerAccounts.id)
    .having(sql`${creditsMinusDebits} > 0`);
  const settled: Settlement[] = [];
  for (const { merchantId, currency } of candidates) {
    if (!merchantId) continue;
    const settlement = await settleBalance(ctx, merchantId, currency);
    if (settlement) settled.push(settlement);
  }
  const now = ctx.clock.now();
  await scheduleSettlement(ctx, dueAt > now ? dueAt : now);
  return settled;
}

const SETTLED_TYPES = ["payment", "refund", "refund_failure", "adjustment"] as const;

/**
 * Settles one merchant's available balance in one currency. The account row is locked so two
 * runs (or a rerun after a crash) cannot settle the same money twice; the balance is read
 * under that lock, and a balance at or below zero is left for a later run.
 */
async function settleBalance(ctx: ServiceContext, merchantId: string, currency: Currency): Promise<Settlement | null> {
  return withTransaction(ctx, async (tx) => {
    const available = merchantAccount(merchantId, currency, "available");
    await tx.db
      .select({ id: ledgerAccounts.id })
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.id, accountId(available)))
      .for("update");
    const amount = await creditBalance(tx, available);
    if (amount <= 0) return null;
    const now = tx.clock.now();
    const [previous] = await tx.db
      .select({ end: max(settlements.periodEnd) })
      .from(settlements)
      .where(and(eq(settlements.merchantId, merchantId), eq(settlements.currency, currency)));
    const inPeriod: SQL[] = [
      eq(ledgerEntries.merchantId, merchantId),
      eq(ledgerEntries.currency, currency),
      inArray(ledgerEntries.type, [...SETTLED_TYPES]),
      lte(ledgerEntries.availableOn, now),
    ];
    if (previous?.end) inPeriod.push(gt(ledgerEntries.availableOn, previous.end));
    const [covered] = await tx.db
      .select({ n: count(), first: min(ledgerEntries.availableOn) })
      .from(ledgerEntries)
      .where(and(...inPeriod));
    const [row] = await tx.db
      .insert(settlements)
      .values({
        id: newId("settlement"),
        merchantId,
        currency,
        amount,
        status: "processed",
        transactionCount: covered?.n ?? 0,
        periodStart: previous?.end ?? covered?.first ?? now,
        periodEnd: now,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    await postEntry(tx, {
      type: "settlement",
      merchantId,
      currency,
      sourceId: row.id,
      amount: -amount,
      fee: 0,
      net: -amount,
      availableOn: now,
      lines: [...creditLine(available, -amount), ...creditLine(merchantAccount(merchantId, currency, "settled"), amount)],
    });
    const settlement = serializeSettlement(row);
    await recordEvent(tx, merchantId, "settlement.processed", { settlement });
    return settlement;
  });
}

export function serializeSettlement(row: SettlementRow): Settlement {
  return {
    id: row.id,
    currency: row.currency as Currency,
    amount: row.amount,
    status: row.status,
    transaction_count: row.transactionCount,
    period_start: row.periodStart.toISOString(),
    period_end: row.periodEnd.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}

export async function listSettlements({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof settlementListQuerySchema>;
}) {
  const { limit, offset, currency } = settlementListQuerySchema.parse(query);
  const filters: SQL[] = [eq(settlements.merchantId, merchantId)];
  if (currency) filters.push(eq(settlements.currency, currency));
  const rows = await ctx.db
    .select()
    .from(settlements)
    .where(and(...filters))
    .orderBy(desc(settlements.createdAt), desc(settlements.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializeSettlement), limit, offset);
}

export async function getSettlement({
  ctx,
  merchantId,
  settlementId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  settlementId: string;
}) {
  const [row] = await ctx.db
    .select()
    .from(settlements)
    .where(and(eq(settlements.id, settlementId), eq(settlements.merchantId, merchantId)));
  if (!row) throw notFound("Settlement");
  return serializeSettlement(row);
}

export const settlementRunJob = defineJob("settlement.run", z.object({ due_at: z.iso.datetime() }), async ({ ctx, payload }) => {
  await runSettlement(ctx, new Date(payload.due_at));
});
