import { and, eq, isNull, sql } from "drizzle-orm";
import { merchants, webhookDeliveries, webhookEndpoints } from "../../db/schema/index.js";
import { newId } from "../../lib/ids.js";
import type { TxContext } from "../context.js";
import { enqueueJob } from "../jobs/queue.js";

/** One delivery row and its `webhook.deliver` job, in the caller's transaction. */
export async function queueDelivery(
  ctx: TxContext,
  delivery: { merchantId: string; eventId: string; url: string; endpointId: string | null; createdAt: Date },
) {
  const [row] = await ctx.db
    .insert(webhookDeliveries)
    .values({ id: newId("delivery"), ...delivery })
    .returning();
  if (!row) throw new Error("webhook delivery insert returned nothing");
  await enqueueJob(ctx, "webhook.deliver", { delivery_id: row.id });
  return row;
}

/**
 * Fans one recorded event out (SPEC §8): to the merchant's default `webhook_url` when set, and to
 * each enabled endpoint whose `events` list the type or `"*"`. Runs in the event's transaction, so
 * a delivery exists exactly when its event does.
 */
export async function queueEventDeliveries(
  ctx: TxContext,
  event: { merchantId: string; eventId: string; type: string; createdAt: Date },
) {
  const { merchantId, eventId, createdAt } = event;
  const [merchant] = await ctx.db
    .select({ webhookUrl: merchants.webhookUrl })
    .from(merchants)
    .where(eq(merchants.id, merchantId));
  if (merchant?.webhookUrl) {
    await queueDelivery(ctx, { merchantId, eventId, url: merchant.webhookUrl, endpointId: null, createdAt });
  }
  const endpoints = await ctx.db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.merchantId, merchantId),
        eq(webhookEndpoints.status, "enabled"),
        isNull(webhookEndpoints.deletedAt),
        sql`(${webhookEndpoints.events} @> '["*"]'::jsonb or ${webhookEndpoints.events} @> ${JSON.stringify([event.type])}::jsonb)`,
      ),
    )
    .orderBy(webhookEndpoints.createdAt);
  for (const endpoint of endpoints) {
    await queueDelivery(ctx, { merchantId, eventId, url: endpoint.url, endpointId: endpoint.id, createdAt });
  }
}
