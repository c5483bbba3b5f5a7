import { lt, sql } from "drizzle-orm";
import { rateLimits } from "../../db/schema/index.js";
import type { ServiceContext } from "../context.js";

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

const WINDOW_MS = 60_000;
/** Far from the limit, a process batches its hits and syncs the shared counter this often. */
const SYNC_MS = 200;

interface LocalCounter {
  /** The shared count as of the last sync (it includes every hit this process flushed). */
  shared: number;
  /** Hits counted here and not yet added to the shared count. */
  unsynced: number;
  lastSync: number;
  flushing: Promise<void> | null;
}

/**
 * Fixed one-minute windows whose counters live in the database, so every API process shares
 * them. Close to the limit every hit is counted in the database and judged on the exact shared
 * count; far from it, hits are counted in memory and added in one UPDATE every SYNC_MS, which
 * keeps a hot counter row (one merchant at high volume) off every request's critical path.
 */
export function createRateLimiter() {
  const counters = new Map<string, LocalCounter>();

  async function add(ctx: ServiceContext, bucket: string, expiresAt: Date, hits: number): Promise<number> {
    const [row] = await ctx.db
      .insert(rateLimits)
      .values({ bucket, count: hits, expiresAt })
      .onConflictDoUpdate({ target: rateLimits.bucket, set: { count: sql`${rateLimits.count} + ${hits}` } })
      .returning({ count: rateLimits.count });
    return row?.count ?? hits;
  }

  function flush(ctx: ServiceContext, bucket: string, expiresAt: Date, counter: LocalCounter) {
    counter.flushing ??= (async () => {
      const hits = counter.unsynced;
      counter.unsynced = 0;
      try {
        counter.shared = Math.max(counter.shared + hits, await add(ctx, bucket, expiresAt, hits));
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

  /** Counts one hit against `key` in the current window and says whether it is allowed. */
  async function hit(ctx: ServiceContext, key: string, limit: number): Promise<RateLimitResult> {
    const now = Date.now();
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const expiresAt = new Date(windowStart + WINDOW_MS);
    const bucket = `${key}:${windowStart}`;
    const resetSeconds = Math.max(1, Math.ceil((expiresAt.getTime() - now) / 1000));
    let counter = counters.get(bucket);
    if (!counter) {
      if (counters.size > 10_000) evict(windowStart);
      counter = { shared: 0, unsynced: 0, lastSync: 0, flushing: null };
      counters.set(bucket, counter);
    }
    const margin = Math.max(10, Math.ceil(limit * 0.2));
    let used: number;
    if (counter.shared + counter.unsynced + margin < limit) {
      counter.unsynced += 1;
      used = counter.shared + counter.unsynced;
      if (now - counter.lastSync >= SYNC_MS) await flush(ctx, bucket, expiresAt, counter);
    } else {
      // Near the limit: this hit is judged on the exact shared count.
      if (counter.flushing) await counter.flushing;
      if (counter.unsynced > 0) await flush(ctx, bucket, expiresAt, counter);
      used = await add(ctx, bucket, expiresAt, 1);
      counter.shared = Math.max(counter.shared, used);
      counter.lastSync = Date.now();
    }
    return { allowed: used <= limit, limit, remaining: Math.max(0, limit - used), resetSeconds };
  }

  function evict(currentWindow: number) {
    for (const bucket of counters.keys()) {
      if (Number(bucket.slice(bucket.lastIndexOf(":") + 1)) < currentWindow) counters.delete(bucket);
    }
  }

  return { hit };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

export async function deleteExpiredRateLimits(ctx: ServiceContext) {
  await ctx.db.delete(rateLimits).where(lt(rateLimits.expiresAt, new Date()));
}
