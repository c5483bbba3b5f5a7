import { errorCatalogue } from "@paygate/contracts";
import { and, eq, lt, sql } from "drizzle-orm";
import { idempotencyKeys } from "../../db/schema/index.js";
import { hmacHex } from "../../lib/crypto.js";
import { ServiceError } from "../../lib/errors.js";
import { type ServiceContext, withSavepoint, withTransaction } from "../context.js";

export interface StoredResponse {
  status: number;
  body: unknown;
  replayed: boolean;
}

export interface IdempotentRequest {
  scope: string;
  key: string | undefined;
  method: string;
  path: string;
  bodyText: string;
}

/**
 * Idempotency scopes (SPEC §9): a merchant's server keys and its shoppers' checkout keys live
 * apart, so a shopper (who sees the publishable key only) can neither replay nor burn a key the
 * merchant's server will use.
 */
export const idempotencyScope = {
  merchant: (merchantId: string) => merchantId,
  checkout: (merchantId: string) => `checkout:${merchantId}`,
};

const KEEP_MS = 24 * 3600 * 1000;
const CARD_SECRETS = ["number", "cvv"] as const;

/**
 * The stored fingerprint of a request (SPEC §9, §5 card data): HMAC-SHA256 under a server key
 * over a canonical body whose card number and CVV are themselves replaced by keyed HMACs. An
 * unkeyed hash of the raw body would let anyone who reads the table recover the PAN and CVV by
 * brute force (last4 and expiry narrow the search to minutes); without the key nothing here is
 * computable from card data.
 */
export function requestFingerprint(key: string, method: string, path: string, bodyText: string): string {
  return hmacHex(key, `${method} ${path}\n${canonicalBody(key, bodyText)}`);
}

function canonicalBody(key: string, bodyText: string): string {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return bodyText;
  }
  if (typeof body !== "object" || body === null || !("card" in body)) return bodyText;
  const card = body.card;
  if (typeof card !== "object" || card === null) return bodyText;
  const masked: Record<string, unknown> = { ...card };
  for (const field of CARD_SECRETS) {
    const value = masked[field];
    // Spaces and dashes do not change the card, so they do not change the fingerprint either.
    if (typeof value === "string") masked[field] = hmacHex(key, `card.${field}:${value.replace(/[\s-]/g, "")}`);
  }
  return JSON.stringify({ ...body, card: masked });
}
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Keys whose first request is running in this process. The embedded database runs one
 * transaction at a time, so a second request could only queue behind the first there; this set
 * answers it at once instead, and the advisory lock in runOnce does the same across processes.
 */
const running = new Set<string>();

/**
 * Runs `effect` once per Idempotency-Key (SPEC §9). The key row is inserted in the same
 * transaction as the effect, which holds a transaction-level advisory lock on the key: a second
 * request while the first runs gets 409 `idempotency_in_progress` at once (it never waits), and
 * one after it commits replays the stored response. A 5xx rolls the row back with the effect,
 * leaving the key free. A 4xx domain error is stored and replayed like a success.
 */
export async function runIdempotent(
  ctx: ServiceContext,
  request: IdempotentRequest,
  effect: (ctx: ServiceContext) => Promise<{ status: number; body: unknown }>,
  errorBody: (error: ServiceError) => unknown,
): Promise<StoredResponse> {
  if (request.key === undefined) {
    // No key, no record: each verb opens the transaction it needs (a lone INSERT needs none).
    return { ...(await effect(ctx)), replayed: false };
  }
  if (!KEY_PATTERN.test(request.key)) {
    throw new ServiceError("validation_error", "Idempotency-Key must be 1–255 printable ASCII characters", {
      param: "Idempotency-Key",
    });
  }
  const key = request.key;
  const slot = `${request.scope}\u0000${key}`;
  if (running.has(slot)) throw inProgress();
  running.add(slot);
  try {
    return await runOnce(ctx, request, key, effect, errorBody);
  } finally {
    running.delete(slot);
  }
}

const inProgress = () =>
  new ServiceError("idempotency_in_progress", "A request with this Idempotency-Key is still running; retry it in a moment");

async function runOnce(
  ctx: ServiceContext,
  request: IdempotentRequest,
  key: string,
  effect: (ctx: ServiceContext) => Promise<{ status: number; body: unknown }>,
  errorBody: (error: ServiceError) => unknown,
): Promise<StoredResponse> {
  const requestHash = requestFingerprint(ctx.config.idempotencyKey, request.method, request.path, request.bodyText);
  return withTransaction(ctx, async (tx) => {
    // Another process running the same key holds this lock until it commits. Two keys hashing
    // alike only cost a spurious, retryable 409.
    const [lock] = await tx.db
      .select({ locked: sql<boolean>`pg_try_advisory_xact_lock(hashtext(${request.scope}), hashtext(${key}))` })
      .from(sql`(values (1)) as one (x)`);
    if (!lock?.locked) throw inProgress();
    const match = and(eq(idempotencyKeys.scope, request.scope), eq(idempotencyKeys.key, key));
    const now = tx.clock.now();
    await tx.db.delete(idempotencyKeys).where(and(match, lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_MS))));
    const inserted = await tx.db
      .insert(idempotencyKeys)
      .values({ scope: request.scope, key, method: request.method, path: request.path, requestHash, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length === 0) {
      const [existing] = await tx.db.select().from(idempotencyKeys).where(match);
      if (!existing) throw inProgress();
      if (existing.method !== request.method || existing.path !== request.path || existing.requestHash !== requestHash) {
        throw new ServiceError("idempotency_key_reused", "This Idempotency-Key was used with a different request", {
          param: "Idempotency-Key",
        });
      }
      if (existing.responseStatus === null) throw inProgress();
      return { status: existing.responseStatus, body: existing.responseBody, replayed: true };
    }
    let result: { status: number; body: unknown };
    try {
      // A savepoint, so a 4xx thrown half-way undoes the effect but keeps the key row.
      result = await withSavepoint(tx, effect);
    } catch (error) {
      const status = error instanceof ServiceError ? errorCatalogue[error.type].status : 500;
      if (!(error instanceof ServiceError) || status >= 500) throw error;
      result = { status, body: errorBody(error) };
    }
    await tx.db.update(idempotencyKeys).set({ responseStatus: result.status, responseBody: result.body }).where(match);
    return { ...result, replayed: false };
  });
}

export async function deleteExpiredIdempotencyKeys(ctx: ServiceContext) {
  await ctx.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(ctx.clock.now().getTime() - KEEP_MS)));
}
