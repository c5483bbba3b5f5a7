import { type WebhookDelivery, webhookListQuerySchema } from "@paygate/contracts";
import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { events, merchants, type WebhookDeliveryRow, webhookAttempts, webhookDeliveries } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { enqueueJob } from "../jobs/queue.js";
import { page } from "../serialize.js";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function serializeDelivery(row: WebhookDeliveryRow, eventType: string): WebhookDelivery {
  return {
    id: row.id,
    event_id: row.eventId,
    event: eventType,
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
  const { limit, offset, status } = webhookListQuerySchema.parse(query);
  const filters: SQL[] = [eq(webhookDeliveries.merchantId, merchantId)];
  if (status) filters.push(eq(webhookDeliveries.status, status));
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
 * merchant's current URL when one is set: the usual reason to retry is a URL just fixed.
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
    const [merchant] = await tx.db
      .select({ webhookUrl: merchants.webhookUrl })
      .from(merchants)
      .where(eq(merchants.id, merchantId));
    const [row] = await tx.db
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextRetryAt: null, url: merchant?.webhookUrl ?? delivery.url })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning();
    await enqueueJob(tx, "webhook.deliver", { delivery_id: deliveryId });
    return serializeDelivery(row ?? delivery, event.type);
  });
}
