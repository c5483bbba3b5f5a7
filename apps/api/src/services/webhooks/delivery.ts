import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { events, merchants, webhookAttempts, webhookDeliveries, webhookEndpoints } from "../../db/schema/index.js";
import type { Config } from "../../env.js";
import { signatureHeaders } from "../../lib/webhook-signature.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { signingSecrets } from "../merchants/webhook-secrets.js";
import { type SendResult, sendWebhook } from "./send.js";
import { isBlockedAddress, webhookUrlPolicyProblem } from "./url.js";

/** The scheme/port policy at send time too: a URL saved under a wider policy is not followed. */
function urlPolicyProblem(config: Config, raw: string): string | null {
  try {
    return webhookUrlPolicyProblem(config, new URL(raw));
  } catch {
    return "invalid webhook URL";
  }
}

export const MAX_ATTEMPTS = 5;
/** Waits after attempts 1–4 (SPEC §8); the test schedule keeps a full run under a minute. */
const RETRY_MS = [60_000, 300_000, 1_800_000, 7_200_000] as const;
const TEST_RETRY_MS = [5000, 10_000, 15_000, 20_000] as const;
const JITTER = 0.05;

/**
 * Delay before attempt `attempt + 1`, with ±5 % jitter so retries from one outage do not all
 * arrive in lockstep.
 */
export function retryDelayMs(config: Pick<Config, "webhookRetryTestIntervals">, attempt: number, random = Math.random): number {
  const schedule = config.webhookRetryTestIntervals ? TEST_RETRY_MS : RETRY_MS;
  const base = schedule[Math.min(Math.max(attempt, 1), schedule.length) - 1] as number;
  return Math.round(base * (1 - JITTER + random() * 2 * JITTER));
}

const placeholder = sql.placeholder;

/** The two statements of every delivery, built once per database handle and reused. */
function prepareStatements(db: DbOrTx) {
  const load = db
    .select({
      delivery: webhookDeliveries,
      eventId: events.id,
      payload: events.payload,
      secrets: {
        webhookSecretCiphertext: merchants.webhookSecretCiphertext,
        previousWebhookSecretCiphertext: merchants.previousWebhookSecretCiphertext,
        previousWebhookSecretExpiresAt: merchants.previousWebhookSecretExpiresAt,
      },
      endpointSecrets: {
        webhookSecretCiphertext: webhookEndpoints.secretCiphertext,
        previousWebhookSecretCiphertext: webhookEndpoints.previousSecretCiphertext,
        previousWebhookSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
      },
      merchantDeleted: sql<boolean>`${merchants.deletedAt} is not null`,
      endpointDeleted: sql<boolean>`${webhookEndpoints.deletedAt} is not null`,
      due: sql<boolean>`${webhookDeliveries.nextRetryAt} is null or ${webhookDeliveries.nextRetryAt} <= ${placeholder("now")}::timestamptz`,
    })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .innerJoin(merchants, eq(merchants.id, webhookDeliveries.merchantId))
    .leftJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, placeholder("deliveryId")))
    .prepare("webhook_delivery_load");
  // The attempt row and the delivery's new state in one statement (a data-modifying CTE):
  // atomic without a transaction, and one round trip.
  const logged = db.$with("logged").as(
    db
      .insert(webhookAttempts)
      .values({
        deliveryId: placeholder("deliveryId"),
        attempt: placeholder("attempt"),
        responseCode: placeholder("responseCode"),
        durationMs: placeholder("durationMs"),
        error: placeholder("error"),
        responseBody: placeholder("responseBody"),
      })
      .returning({ id: webhookAttempts.id }),
  );
  const record = db
    .with(logged)
    .update(webhookDeliveries)
    .set({
      attempts: sql`${placeholder("attempt")}::int`,
      lastAttemptAt: sql`${placeholder("now")}::timestamptz`,
      responseCode: sql`${placeholder("responseCode")}::int`,
      status: sql`${placeholder("status")}::text`,
      // null (no retry) propagates: now + null is null. `now` is the clock's (the test clock moves it).
      nextRetryAt: sql`${placeholder("now")}::timestamptz + ${placeholder("retryInMs")}::int * interval '1 millisecond'`,
    })
    .where(
      and(
        eq(webhookDeliveries.id, placeholder("deliveryId")),
        eq(webhookDeliveries.status, "pending"),
        eq(webhookDeliveries.attempts, placeholder("previousAttempts")),
      ),
    )
    .returning({ id: webhookDeliveries.id })
    .prepare("webhook_delivery_record");
  return { load, record };
}

// Building a query with Drizzle took ~0.4 ms of CPU, more than sending it (profiled with
// bench/webhooks.ts). Keyed by handle so each database (and each test's) has its own.
const prepared = new WeakMap<DbOrTx, ReturnType<typeof prepareStatements>>();
function statementsFor(db: DbOrTx) {
  let statements = prepared.get(db);
  if (!statements) {
    statements = prepareStatements(db);
    prepared.set(db, statements);
  }
  return statements;
}

/** What one attempt means for the delivery. */
function judge(result: SendResult, attempt: number) {
  const redirected = result.error === null && result.status !== null && result.status >= 300 && result.status < 400;
  const delivered = result.error === null && result.status !== null && result.status >= 200 && result.status < 300;
  const gone = result.error === null && result.status === 410;
  const final = delivered || gone || result.refused || attempt >= MAX_ATTEMPTS;
  const error = redirected
    ? `redirect not followed${result.location ? ` (Location: ${result.location.slice(0, 200)})` : ""}`
    : result.error;
  return { delivered, gone, final, error };
}

/**
 * The worker's step for a `webhook.deliver` job: one attempt, logged; then success, a
 * scheduled retry, or `failed` after the last attempt. A 410 disables the URL that answered it:
 * the merchant's default URL, or that one endpoint. A delivery signs with its endpoint's secret,
 * or the merchant's for the default URL.
 *
 * Several jobs may point at one delivery (a manual retry while a retry was scheduled, a job
 * re-claimed after its worker died); the `attempts` guard lets only one of them record each
 * attempt number and go on, so duplicate chains end after one extra send.
 */
export async function deliverWebhook(ctx: ServiceContext, deliveryId: string): Promise<{ retryInMs: number } | undefined> {
  const [row] = await statementsFor(ctx.db).load.execute({ deliveryId, now: ctx.clock.now().toISOString() });
  // Not pending: done or failed. Not due: a newer job (manual retry) owns the schedule.
  if (!row || row.delivery.status !== "pending" || !row.due) return;
  const { delivery } = row;
  if (row.merchantDeleted || row.endpointDeleted) {
    await ctx.db
      .update(webhookDeliveries)
      .set({ status: "failed", nextRetryAt: null })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")));
    return;
  }
  const body = JSON.stringify(row.payload);
  const policyProblem = urlPolicyProblem(ctx.config, delivery.url);
  const result: SendResult = policyProblem
    ? { status: null, body: "", error: policyProblem, refused: true, location: null, remoteAddress: null, durationMs: 0 }
    : await sendWebhook({
        url: delivery.url,
        headers: signatureHeaders(
          signingSecrets(ctx.config, (delivery.endpointId ? row.endpointSecrets : null) ?? row.secrets),
          row.eventId,
          body,
        ),
        body,
        allowPrivate: ctx.config.allowPrivateWebhookUrls,
      });
  const attempt = delivery.attempts + 1;
  const outcome = judge(result, attempt);
  const retryInMs = outcome.final ? null : retryDelayMs(ctx.config, attempt);
  const params = {
    deliveryId,
    attempt,
    previousAttempts: delivery.attempts,
    responseCode: result.status,
    durationMs: result.durationMs,
    error: outcome.error,
    // A private target's answer is not shown: with private URLs allowed, a webhook URL would
    // otherwise read internal services' responses back through the attempt log.
    responseBody: result.remoteAddress !== null && !isBlockedAddress(result.remoteAddress) ? result.body : null,
    status: outcome.delivered ? "success" : outcome.final ? "failed" : "pending",
    retryInMs,
    now: ctx.clock.now().toISOString(),
  };
  const record = (db: DbOrTx) => statementsFor(db).record.execute(params);
  const updated = !outcome.gone
    ? await record(ctx.db)
    : await withTransaction(ctx, async (tx) => {
        // Only the URL that answered 410: the merchant may have set a new one since.
        if (delivery.endpointId) {
          await tx.db
            .update(webhookEndpoints)
            .set({ status: "disabled", updatedAt: ctx.clock.now() })
            .where(
              and(
                eq(webhookEndpoints.id, delivery.endpointId),
                eq(webhookEndpoints.url, delivery.url),
                isNull(webhookEndpoints.deletedAt),
              ),
            );
        } else {
          await tx.db
            .update(merchants)
            .set({ webhookUrl: null, updatedAt: ctx.clock.now() })
            .where(and(eq(merchants.id, delivery.merchantId), eq(merchants.webhookUrl, delivery.url)));
        }
        return record(tx.db);
      });
  const recorded = updated.length > 0;
  const log = outcome.delivered ? ctx.logger.debug : ctx.logger.info;
  log.call(ctx.logger, "webhook attempt", {
    delivery_id: deliveryId,
    event_id: row.eventId,
    attempt,
    status: result.status,
    error: outcome.error,
    next_retry_ms: retryInMs,
  });
  return recorded && retryInMs !== null ? { retryInMs } : undefined;
}
