import { lt, sql } from "drizzle-orm";
import { rateLimits } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import type { ServiceContext } from "../context.js";

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /**
   * Seconds until the quota resets: when refused, until one more request is allowed (what
   * `Retry-After` says); when allowed, until the whole quota is back.
   */
  resetSeconds: number;
}

export const MINUTE_MS = 60_000;
/** Far from the limit, a process batches its hits and syncs the shared counter this often. */
const SYNC_MS = 200;

/**
 * The two-bucket approximation of a sliding window: the previous fixed window's count, weighted
 * by the share of it the sliding window still covers, plus the current window's count.
 */
export function slidingUsage(previous: number, current: number, elapsedMs: number, windowMs: number): number {
  return previous * Math.max(0, 1 - elapsedMs / windowMs) + current;
}

/** Milliseconds until usage has decayed enough for one more request. */
export function msUntilAllowed(previous: number, current: number, elapsedMs: number, windowMs: number, limit: number): number {
  const room = limit - 1;
  if (slidingUsage(previous, current, elapsedMs, windowMs) <= room) return 0;
  // Still within this window: only the previous window's share decays.
  if (current <= room && previous > 0) return Math.max(0, (1 - (room - current) / previous) * windowMs - elapsedMs);
  // In the next window this window's count becomes the decaying one.
  return windowMs - elapsedMs + Math.max(0, 1 - room / current) * windowMs;
}

function resultOf(previous: number, current: number, elapsedMs: number, windowMs: number, limit: number): RateLimitResult {
  const used = slidingUsage(previous, current, elapsedMs, windowMs);
  const allowed = used <= limit;
  const untilClear = current > 0 ? 2 * windowMs - elapsedMs : previous > 0 ? windowMs - elapsedMs : 0;
  const resetMs = allowed ? untilClear : msUntilAllowed(previous, current, elapsedMs, windowMs, limit);
  return {
    allowed,
    limit,
    remaining: Math.max(0, Math.floor(limit - used)),
    resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
  };
}

function windowOf(key: string, windowMs: number, now: number) {
  const start = Math.floor(now / windowMs) * windowMs;
  return {
    bucket: `${key}:${start}`,
    previousBucket: `${key}:${start - windowMs}`,
    elapsedMs: now - start,
    // Kept through the next window too, where it is the decaying half of the estimate.
    expiresAt: new Date(start + 2 * windowMs),
  };
}

/** Adds `hits` to a window's shared counter; returns it and the previous window's, in one round trip. */
async function add(ctx: ServiceContext, bucket: string, previousBucket: string, expiresAt: Date, hits: number) {
  const [row] = await ctx.db
    .insert(rateLimits)
    .values({ bucket, count: hits, expiresAt })
    .onConflictDoUpdate({ target: rateLimits.bucket, set: { count: sql`${rateLimits.count} + ${hits}` } })
    .returning({
      count: rateLimits.count,
      previous: sql<number | null>`(select p.count from rate_limits p where p.bucket = ${previousBucket})`,
    });
  return { count: row?.count ?? hits, previous: Number(row?.previous ?? 0) };
}

interface LocalCounter {
  /** The shared count as of the last sync (it includes every hit this process flushed). */
  shared: number;
  /** The previous window's shared count, as of the last sync. */
  previous: number;
  /** Hits counted here and not yet added to the shared count. */
  unsynced: number;
  lastSync: number;
  flushing: Promise<void> | null;
}

/**
 * Sliding-window limits whose counters live in the database, so every API process shares them.
 * Close to the limit every hit is counted in the database and judged on the exact shared count;
 * far from it, hits are counted in memory and added in one UPDATE every SYNC_MS, which keeps a
 * hot counter row (one merchant at high volume) off every request's critical path. Once the
 * shared count alone is over the limit, further hits are refused from memory (counts only grow
 * within a window), so a flood costs no write per request.
 */
export function createRateLimiter() {
  const counters = new Map<string, LocalCounter>();

  function flush(ctx: ServiceContext, bucket: string, previousBucket: string, expiresAt: Date, counter: LocalCounter) {
    counter.flushing ??= (async () => {
      const hits = counter.unsynced;
      counter.unsynced = 0;
      try {
        const synced = await add(ctx, bucket, previousBucket, expiresAt, hits);
        counter.shared = Math.max(counter.shared + hits, synced.count);
        counter.previous = synced.previous;
      } catch (error) {
        counter.unsynced += hits;
        throw error;
      } finally {
        counter.lastSync = Date.now();
        counter.flushing = null;
      }
    })();
    return counter.flushing;
  }

  function counterFor(bucket: string, windowMs: number, now: number): LocalCounter {
    let counter = counters.get(bucket);
    if (!counter) {
      if (counters.size > 10_000) evict(now - 2 * windowMs);
      counter = { shared: 0, previous: 0, unsynced: 0, lastSync: 0, flushing: null };
      counters.set(bucket, counter);
    }
    return counter;
  }

  /** Counts one hit against `key` and says whether it is allowed. */
  async function hit(ctx: ServiceContext, key: string, limit: number, windowMs = MINUTE_MS): Promise<RateLimitResult> {
    const now = Date.now();
    const { bucket, previousBucket, elapsedMs, expiresAt } = windowOf(key, windowMs, now);
    const counter = counterFor(bucket, windowMs, now);
    const margin = Math.max(10, Math.ceil(limit * 0.2));
    const local = () => slidingUsage(counter.previous, counter.shared + counter.unsynced, elapsedMs, windowMs);
    if (counter.shared > limit || local() + margin < limit) {
      counter.unsynced += 1;
      if (now - counter.lastSync >= SYNC_MS) await flush(ctx, bucket, previousBucket, expiresAt, counter);
      return resultOf(counter.previous, counter.shared + counter.unsynced, elapsedMs, windowMs, limit);
    }
    // Near the limit: this hit is judged on the exact shared count.
    if (counter.flushing) await counter.flushing;
    if (counter.unsynced > 0) await flush(ctx, bucket, previousBucket, expiresAt, counter);
    const synced = await add(ctx, bucket, previousBucket, expiresAt, 1);
    counter.shared = Math.max(counter.shared, synced.count);
    counter.previous = synced.previous;
    counter.lastSync = Date.now();
    return resultOf(synced.previous, synced.count, elapsedMs, windowMs, limit);
  }

  /**
   * Whether `key` is over its limit, from what this process knows, without counting a hit or
   * touching the database (so a request that may turn out to be a stranger's costs nothing).
   */
  function peek(key: string, limit: number, windowMs = MINUTE_MS): RateLimitResult {
    const now = Date.now();
    const { bucket, elapsedMs } = windowOf(key, windowMs, now);
    const counter = counters.get(bucket);
    if (!counter) return { allowed: true, limit, remaining: limit, resetSeconds: 1 };
    const current = counter.shared + counter.unsynced;
    // Judged as if this request were counted, the same as `hit` judges it.
    const result = resultOf(counter.previous, current + 1, elapsedMs, windowMs, limit);
    return result.allowed ? resultOf(counter.previous, current, elapsedMs, windowMs, limit) : result;
  }

  function evict(before: number) {
    for (const bucket of counters.keys()) {
      if (Number(bucket.slice(bucket.lastIndexOf(":") + 1)) < before) counters.delete(bucket);
    }
  }

  return { hit, peek };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * An exact, unbatched attempt against a low-volume limit (failed logins per account): counted
 * in the database before the work, so concurrent attempts cannot all slip under the limit.
 * A refused attempt is taken back at once (it does not lengthen the wait); `release` takes back
 * an attempt that turned out not to count (a successful login).
 */
export async function reserveAttempt(ctx: ServiceContext, key: string, limit: number, windowMs: number) {
  const { bucket, previousBucket, elapsedMs, expiresAt } = windowOf(key, windowMs, Date.now());
  const synced = await add(ctx, bucket, previousBucket, expiresAt, 1);
  const release = async () => {
    await add(ctx, bucket, previousBucket, expiresAt, -1);
  };
  const result = resultOf(synced.previous, synced.count, elapsedMs, windowMs, limit);
  if (result.allowed) return { result, release };
  await release();
  // Taken back, so the wait is reckoned on the count without it.
  const waitMs = msUntilAllowed(synced.previous, synced.count - 1, elapsedMs, windowMs, limit);
  return { result: { ...result, resetSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }, release };
}

export async function deleteExpiredRateLimits(ctx: ServiceContext) {
  await ctx.db.delete(rateLimits).where(lt(rateLimits.expiresAt, new Date()));
}

/** The domain error of an exhausted limit; the HTTP layer adds `Retry-After` and `RateLimit-*`. */
export function rateLimited(result: RateLimitResult, description: string): ServiceError {
  return new ServiceError("rate_limited", description, {
    retryAfterSeconds: result.resetSeconds,
    rateLimit: { limit: result.limit, resetSeconds: result.resetSeconds },
  });
}
