import {
  listQuerySchema,
  type WebhookEndpoint,
  webhookEndpointCreateSchema,
  webhookEndpointPatchSchema,
} from "@paygate/contracts";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { events, type WebhookEndpointRow, webhookEndpoints } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { newWebhookSecret } from "../merchants/credentials.js";
import { SECRET_OVERLAP_MS, sealWebhookSecret } from "../merchants/webhook-secrets.js";
import { page } from "../serialize.js";
import { queueDelivery } from "./fan-out.js";
import { assertWebhookUrlAllowed } from "./url.js";
import { serializeDelivery } from "./webhooks.js";

export function serializeEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The merchant's endpoint while not deleted: another merchant's, or a deleted one, matches nothing. */
const liveEndpoint = (merchantId: string, endpointId: string) =>
  and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.merchantId, merchantId), isNull(webhookEndpoints.deletedAt));

/** Scoped by merchant: another merchant's endpoint, or a deleted one, is a plain 404. */
async function loadEndpoint(ctx: ServiceContext, merchantId: string, endpointId: string) {
  const [row] = await ctx.db.select().from(webhookEndpoints).where(liveEndpoint(merchantId, endpointId));
  if (!row) throw notFound("Webhook endpoint");
  return row;
}

/** `POST /webhook_endpoints`: the URL is checked like `webhook_url`; the new secret is shown once. */
export async function createEndpoint({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof webhookEndpointCreateSchema>;
}) {
  const body = webhookEndpointCreateSchema.parse(input);
  await assertWebhookUrlAllowed(ctx, body.url, "url");
  const secret = newWebhookSecret();
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(webhookEndpoints)
    .values({
      id: newId("webhookEndpoint"),
      merchantId,
      url: body.url,
      events: body.events,
      description: body.description ?? null,
      secretCiphertext: sealWebhookSecret(ctx.config, secret),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("webhook endpoint insert returned nothing");
  return { ...serializeEndpoint(row), secret };
}

export async function listEndpoints({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof listQuerySchema>;
}) {
  const { limit, offset } = listQuerySchema.parse(query);
  const rows = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.merchantId, merchantId), isNull(webhookEndpoints.deletedAt)))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializeEndpoint), limit, offset);
}

export async function getEndpoint({
  ctx,
  merchantId,
  endpointId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  endpointId: string;
}) {
  return serializeEndpoint(await loadEndpoint(ctx, merchantId, endpointId));
}

/** `PATCH /webhook_endpoints/:id`: url, events, description, status (re-enable after a 410). */
export async function updateEndpoint({
  ctx,
  merchantId,
  endpointId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  endpointId: string;
  input: z.input<typeof webhookEndpointPatchSchema>;
}) {
  const body = webhookEndpointPatchSchema.parse(input);
  await loadEndpoint(ctx, merchantId, endpointId);
  if (body.url !== undefined) await assertWebhookUrlAllowed(ctx, body.url, "url");
  const changes: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: ctx.clock.now() };
  if (body.url !== undefined) changes.url = body.url;
  if (body.events !== undefined) changes.events = body.events;
  if (body.description !== undefined) changes.description = body.description;
  if (body.status !== undefined) changes.status = body.status;
  const [row] = await ctx.db.update(webhookEndpoints).set(changes).where(liveEndpoint(merchantId, endpointId)).returning();
  if (!row) throw notFound("Webhook endpoint");
  return serializeEndpoint(row);
}

/**
 * `DELETE /webhook_endpoints/:id`: no new deliveries; those still pending end `failed` at their
 * next attempt. The row stays (deleted) so past deliveries keep their `endpoint_id`.
 */
export async function deleteEndpoint({
  ctx,
  merchantId,
  endpointId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  endpointId: string;
}) {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .update(webhookEndpoints)
    .set({ deletedAt: now, status: "disabled", updatedAt: now })
    .where(liveEndpoint(merchantId, endpointId))
    .returning();
  if (!row) throw notFound("Webhook endpoint");
  return serializeEndpoint(row);
}

/** `POST /webhook_endpoints/:id/rotate-secret`: like the merchant's, the old secret signs for 24 h more. */
export async function rotateEndpointSecret({
  ctx,
  merchantId,
  endpointId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  endpointId: string;
}) {
  const endpoint = await loadEndpoint(ctx, merchantId, endpointId);
  const secret = newWebhookSecret();
  // Real time, as for the merchant's secret: the overlap is about receivers' configuration and
  // is checked against the wall clock when signing, not the money's (test) calendar.
  const validUntil = new Date(Date.now() + SECRET_OVERLAP_MS);
  await ctx.db
    .update(webhookEndpoints)
    .set({
      secretCiphertext: sealWebhookSecret(ctx.config, secret),
      previousSecretCiphertext: endpoint.secretCiphertext,
      previousSecretExpiresAt: validUntil,
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.merchantId, merchantId)));
  return { id: endpointId, secret, previous_secret_valid_until: validUntil.toISOString() };
}

/**
 * `POST /webhook_endpoints/:id/test`: a `ping` event, recorded and delivered now to this endpoint
 * alone (even when disabled, to check a receiver before enabling it). Its delivery shows in the
 * delivery log like any other.
 */
export async function sendTestEvent({
  ctx,
  merchantId,
  endpointId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  endpointId: string;
}) {
  return withTransaction(ctx, async (tx) => {
    const endpoint = await loadEndpoint(tx, merchantId, endpointId);
    const id = newId("event");
    const createdAt = tx.clock.now();
    const payload = {
      id,
      type: "ping" as const,
      created_at: createdAt.toISOString(),
      data: { webhook_endpoint: { id: endpoint.id, url: endpoint.url } },
    };
    await tx.db.insert(events).values({ id, merchantId, type: "ping", payload, createdAt });
    const delivery = await queueDelivery(tx, { merchantId, eventId: id, url: endpoint.url, endpointId, createdAt });
    return serializeDelivery(delivery, "ping");
  });
}
