import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { events, merchants, webhookAttempts, webhookDeliveries } from "../db/schema/index.js";
import { legacySignature, standardSignature } from "../lib/webhook-signature.js";
import type { ServiceContext } from "./context.js";
import { isBlockedAddress } from "./webhook-url.js";

export const MAX_ATTEMPTS = 5;
const RETRY_MS = [60_000, 300_000, 1_800_000, 7_200_000];
const TEST_RETRY_MS = [5000, 10_000, 15_000, 20_000];
const TIMEOUT_MS = 5000;
const BODY_LIMIT = 4096;

/** Delay before attempt `attempt + 1`, with ±5 % jitter so retries do not arrive in lockstep. */
export function retryDelayMs(ctx: ServiceContext, attempt: number): number {
  const schedule = ctx.config.webhookRetryTestIntervals ? TEST_RETRY_MS : RETRY_MS;
  const base = schedule[Math.min(attempt - 1, schedule.length - 1)] ?? 0;
  return Math.round(base * (0.95 + Math.random() * 0.1));
}

interface SendResult {
  status: number | null;
  body: string;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs once: no redirects followed, 5 s timeout, and (unless private URLs are allowed) a DNS
 * lookup that refuses internal addresses at connect time, so a rebinding host cannot slip past
 * the save-time check.
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<SendResult> {
  const started = performance.now();
  const finish = (result: Omit<SendResult, "durationMs">): SendResult => ({
    ...result,
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve(finish({ status: null, body: "", error: "invalid URL" }));
      return;
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") {
      resolve(finish({ status: null, body: "", error: "unsupported protocol" }));
      return;
    }
    const guardedLookup: LookupFunction = (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, "", 4);
        const list = addresses as unknown as { address: string; family: number }[];
        const refused = !allowPrivate && list.some((entry) => isBlockedAddress(entry.address));
        if (refused || list.length === 0) {
          return callback(new Error("webhook host resolves to a refused address"), "", 4);
        }
        if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
        const first = list[0]!;
        callback(null, first.address, first.family);
      });
    };
    const literalHost = target.hostname.replace(/^\[|\]$/g, "");
    if (!allowPrivate && /^[\d.]+$|:/.test(literalHost) && isBlockedAddress(literalHost)) {
      resolve(finish({ status: null, body: "", error: "webhook URL points at a refused address" }));
      return;
    }
    const request = (target.protocol === "https:" ? https : http).request(
      target,
      { method: "POST", headers: { ...headers, "Content-Length": Buffer.byteLength(body).toString() }, lookup: guardedLookup },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () => {
          clearTimeout(timer);
          resolve(finish({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString("utf8").slice(0, BODY_LIMIT), error: null }));
        });
        response.on("error", (error) => {
          clearTimeout(timer);
          resolve(finish({ status: response.statusCode ?? null, body: "", error: error.message }));
        });
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`timeout after ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    request.on("error", (error) => {
      clearTimeout(timer);
      resolve(finish({ status: null, body: "", error: error.message }));
    });
    request.end(body);
  });
}

/** Signature headers for one send: both secrets during a rotation's overlap. */
export function signatureHeaders(
  merchant: { webhookSecret: string | null; previousWebhookSecret: string | null; previousWebhookSecretExpiresAt: Date | null },
  eventId: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const secrets = [merchant.webhookSecret];
  if (merchant.previousWebhookSecret && merchant.previousWebhookSecretExpiresAt && merchant.previousWebhookSecretExpiresAt > now) {
    secrets.push(merchant.previousWebhookSecret);
  }
  const live = secrets.filter((secret): secret is string => Boolean(secret));
  return {
    "Content-Type": "application/json",
    "User-Agent": "PayGate-Webhooks/1",
    "webhook-id": eventId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": live.map((secret) => standardSignature(secret, eventId, timestamp, body)).join(" "),
    "X-Webhook-Signature": live[0] ? legacySignature(live[0], body) : "",
  };
}

/**
 * The worker's step for a `webhook.deliver` job: one attempt, logged; then success, a
 * scheduled retry, or `failed` after the last attempt. A 410 disables the merchant's URL.
 */
export async function deliverWebhook(ctx: ServiceContext, deliveryId: string): Promise<void | { retryInMs: number }> {
  const [delivery] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
  if (!delivery || delivery.status !== "pending") return;
  const [event] = await ctx.db.select().from(events).where(eq(events.id, delivery.eventId));
  const [merchant] = await ctx.db.select().from(merchants).where(eq(merchants.id, delivery.merchantId));
  if (!event || !merchant) return;
  const body = JSON.stringify(event.payload);
  const result = await sendWebhook(delivery.url, signatureHeaders(merchant, event.id, body), body, ctx.config.allowPrivateWebhookUrls);
  const attempt = delivery.attempts + 1;
  const delivered = result.status !== null && result.status >= 200 && result.status < 300;
  const gone = result.status === 410;
  const refused = result.error?.includes("refused address") ?? false;
  const finalAttempt = delivered || gone || refused || attempt >= MAX_ATTEMPTS;
  const retryInMs = finalAttempt ? null : retryDelayMs(ctx, attempt);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      deliveryId,
      attempt,
      responseCode: result.status,
      durationMs: result.durationMs,
      error: result.error ?? (result.status !== null && result.status >= 300 && result.status < 400 ? "redirect not followed" : null),
      responseBody: result.body,
    });
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: attempt,
        lastAttemptAt: new Date(),
        responseCode: result.status,
        status: delivered ? "success" : finalAttempt ? "failed" : "pending",
        nextRetryAt: retryInMs === null ? null : sql`now() + ${retryInMs} * interval '1 millisecond'`,
      })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")));
    if (gone) {
      await tx
        .update(merchants)
        .set({ webhookUrl: null, updatedAt: new Date() })
        .where(and(eq(merchants.id, merchant.id), eq(merchants.webhookUrl, delivery.url)));
    }
  });
  ctx.logger.info("webhook attempt", { delivery_id: deliveryId, event_id: event.id, attempt, status: result.status, error: result.error });
  return retryInMs === null ? undefined : { retryInMs };
}
