import { type Subscription, subscriptionCreateSchema, subscriptionListQuerySchema } from "@paygate/contracts";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { type SubscriptionRow, subscriptions } from "../../db/schema/index.js";
import { notFound, ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { type ServiceContext, type TxContext, withTransaction } from "../context.js";
import { loadCustomer } from "../customers/customers.js";
import { usablePaymentMethod } from "../customers/payment-methods.js";
import { recordEvent } from "../events/record-event.js";
import { enqueueJob } from "../jobs/queue.js";
import { page } from "../serialize.js";
import { chargePeriod } from "./charges.js";
import { periodBoundary } from "./periods.js";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function serializeSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    customer_id: row.customerId,
    payment_method_id: row.paymentMethodId,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    interval: row.interval,
    interval_count: row.intervalCount,
    description: row.description,
    start_at: row.startAt.toISOString(),
    current_period_start: row.currentPeriodStart.toISOString(),
    current_period_end: row.currentPeriodEnd.toISOString(),
    failed_attempts: row.failedAttempts,
    next_retry_at: iso(row.nextRetryAt),
    cancelled_at: iso(row.cancelledAt),
    created_at: row.createdAt.toISOString(),
  };
}

export async function loadSubscription(ctx: ServiceContext, merchantId: string, subscriptionId: string, forUpdate = false) {
  const query = ctx.db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.merchantId, merchantId)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Subscription");
  return row;
}

/**
 * `POST /subscriptions`: the customer's saved card is charged for the first period at once (or
 * at `start_at`); each later period is renewed by the scheduler through an invoice (charges.ts).
 */
export async function createSubscription({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof subscriptionCreateSchema>;
}) {
  const body = subscriptionCreateSchema.parse(input);
  return withTransaction(ctx, async (tx) => {
    const customer = await loadCustomer(tx, merchantId, body.customer_id, "customer_id");
    const method = await usablePaymentMethod(tx, merchantId, body.payment_method, customer.id);
    if (!customer.email) {
      throw new ServiceError("validation_error", "The customer needs an email: each renewal sends them an invoice", {
        param: "customer_id",
      });
    }
    const now = tx.clock.now();
    const startAt = body.start_at ? new Date(body.start_at) : now;
    if (startAt.getTime() < now.getTime() - 60_000) {
      throw new ServiceError("validation_error", "start_at must not be in the past", { param: "start_at" });
    }
    const [row] = await tx.db
      .insert(subscriptions)
      .values({
        id: newId("subscription"),
        merchantId,
        customerId: customer.id,
        paymentMethodId: method.id,
        status: "active",
        amount: body.amount,
        currency: body.currency,
        interval: body.interval,
        intervalCount: body.interval_count,
        description: body.description ?? null,
        startAt,
        currentPeriodStart: startAt,
        currentPeriodEnd: periodBoundary(startAt, body.interval, body.interval_count, 1),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    if (startAt.getTime() <= now.getTime()) return serializeSubscription(await chargePeriod(tx, row, 0));
    await enqueueJob(
      tx,
      "subscription.renew",
      { subscription_id: row.id, period: 0 },
      { delayMs: startAt.getTime() - now.getTime() },
    );
    return serializeSubscription(row);
  });
}

export async function getSubscription({
  ctx,
  merchantId,
  subscriptionId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  subscriptionId: string;
}) {
  return serializeSubscription(await loadSubscription(ctx, merchantId, subscriptionId));
}

export async function listSubscriptions({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof subscriptionListQuerySchema>;
}) {
  const { limit, offset, status, customer_id: customerId } = subscriptionListQuerySchema.parse(query);
  const filters: SQL[] = [eq(subscriptions.merchantId, merchantId)];
  if (status) filters.push(eq(subscriptions.status, status));
  if (customerId) filters.push(eq(subscriptions.customerId, customerId));
  const rows = await ctx.db
    .select()
    .from(subscriptions)
    .where(and(...filters))
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializeSubscription), limit, offset);
}

/** active / past_due → cancelled, with `subscription.cancelled`: no renewal or retry charges it again. */
export async function endSubscription(tx: TxContext, row: SubscriptionRow) {
  const now = tx.clock.now();
  const [ended] = await tx.db
    .update(subscriptions)
    .set({ status: "cancelled", cancelledAt: now, currentPaymentId: null, nextRetryAt: null, updatedAt: now })
    .where(and(eq(subscriptions.id, row.id), eq(subscriptions.status, row.status)))
    .returning();
  if (!ended) return row;
  await recordEvent(tx, ended.merchantId, "subscription.cancelled", { subscription: serializeSubscription(ended) });
  return ended;
}

/** `POST /subscriptions/:id/cancel`: a cancelled subscription → 409 `subscription_state_invalid`. */
export async function cancelSubscription({
  ctx,
  merchantId,
  subscriptionId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  subscriptionId: string;
}) {
  return withTransaction(ctx, async (tx) => {
    const row = await loadSubscription(tx, merchantId, subscriptionId, true);
    if (row.status === "cancelled") {
      throw new ServiceError("subscription_state_invalid", "The subscription is already cancelled", {
        param: "id",
        meta: { status: row.status },
      });
    }
    return serializeSubscription(await endSubscription(tx, row));
  });
}
