import { type WebhookDelivery, webhookListQuerySchema } from "@paygate/contracts";
import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  events,
  merchants,
  type WebhookDeliveryRow,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { enqueueJob } from "../jobs/queue.js";
import { page } from "../serialize.js";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function serializeDelivery(row: WebhookDeliveryRow, eventType: string): WebhookDelivery {
  return {
    id: row.id,
    event_id: row.eventId,
    event: eventType,
    endpoint_id: row.endpointId,
    url: row.url,
    status: row.status,
    attempts: row.attempts,
    last_attempt_at: iso(row.lastAttemptAt),
    next_retry_at: iso(row.nextRetryAt),
    response_code: row.responseCode,
    created_at: row.createdAt.toISOString(),
  };
}

export async function listDeliveries({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof webhookListQuerySchema>;
}) {
  const { limit, offset, status, endpoint_id, event_type, order_id, payment_id } = webhookListQuerySchema.parse(query);
  const filters: SQL[] = [eq(webhookDeliveries.merchantId, merchantId)];
  if (status) filters.push(eq(webhookDeliveries.status, status));
  if (endpoint_id) filters.push(eq(webhookDeliveries.endpointId, endpoint_id));
  if (event_type) filters.push(eq(events.type, event_type));
  // From the event's body, so any event that carries the order or payment matches (a payment's
  // events name their order in `payment.order_id`; `order.paid` carries the order itself).
  if (order_id) {
    filters.push(
      sql`(${events.payload} #>> '{data,order,id}' = ${order_id} or ${events.payload} #>> '{data,payment,order_id}' = ${order_id})`,
    );
  }
  if (payment_id) {
    filters.push(
      sql`(${events.payload} #>> '{data,payment,id}' = ${payment_id} or ${events.payload} #>> '{data,refund,payment_id}' = ${payment_id})`,
    );
  }
  const rows = await ctx.db
    .select({ delivery: webhookDeliveries, type: events.type })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(...filters))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit + 1)
    .offset(offset);
  return page(
    rows.map((row) => serializeDelivery(row.delivery, row.type)),
    limit,
    offset,
  );
}

/** Scoped by merchant: another merchant's delivery is a plain 404, like a missing one. */
async function loadDelivery(ctx: ServiceContext, merchantId: string, deliveryId: string) {
  const [row] = await ctx.db
    .select({ delivery: webhookDeliveries, event: events })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.merchantId, merchantId)));
  if (!row) throw notFound("Webhook delivery");
  return row;
}

/** `GET /webhooks/:id`: the delivery, the event payload and every attempt. */
export async function getDelivery({
  ctx,
  merchantId,
  deliveryId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  deliveryId: string;
}) {
  const { delivery, event } = await loadDelivery(ctx, merchantId, deliveryId);
  const attempts = await ctx.db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    // Chronological: attempt numbers restart at 1 after a manual retry.
    .orderBy(asc(webhookAttempts.id));
  return {
    ...serializeDelivery(delivery, event.type),
    payload: event.payload,
    attempt_log: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      response_code: attempt.responseCode,
      duration_ms: attempt.durationMs,
      error: attempt.error,
      response_body: attempt.responseBody,
      created_at: attempt.createdAt.toISOString(),
    })),
  };
}

/**
 * `POST /webhooks/:id/retry`: attempts reset, delivered again now (same `webhook-id`), to the
 * current URL of where it went (the endpoint's, or the merchant's default) when one is set: the
 * usual reason to retry is a URL just fixed.
 * A retry already scheduled for this delivery stands down (see `deliverWebhook`).
 */
export async function retryDelivery({
  ctx,
  merchantId,
  deliveryId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  deliveryId: string;
}) {
  return withTransaction(ctx, async (tx) => {
    const { delivery, event } = await loadDelivery(tx, merchantId, deliveryId);
    const [current] = delivery.endpointId
      ? await tx.db
          .select({ url: webhookEndpoints.url })
          .from(webhookEndpoints)
          .where(and(eq(webhookEndpoints.id, delivery.endpointId), isNull(webhookEndpoints.deletedAt)))
      : await tx.db.select({ url: merchants.webhookUrl }).from(merchants).where(eq(merchants.id, merchantId));
    const [row] = await tx.db
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextRetryAt: null, url: current?.url ?? delivery.url })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning();
    await enqueueJob(tx, "webhook.deliver", { delivery_id: deliveryId });
    return serializeDelivery(row ?? delivery, event.type);
  });
}
