import { lt, sql } from "drizzle-orm";
import { rateLimits } from "../db/schema/index.js";
import type { ServiceContext } from "./context.js";

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

const WINDOW_MS = 60_000;

/**
 * Counts one hit against `key` in the current one-minute window. The counter lives in the
 * database, so every API process sharing it shares the limit.
 */
export async function hitRateLimit(ctx: ServiceContext, key: string, limit: number): Promise<RateLimitResult> {
  const now = Date.now();
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const expiresAt = new Date(windowStart + WINDOW_MS);
  const [row] = await ctx.db
    .insert(rateLimits)
    .values({ bucket: `${key}:${windowStart}`, count: 1, expiresAt })
    .onConflictDoUpdate({ target: rateLimits.bucket, set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  const used = row?.count ?? 1;
  return {
    allowed: used <= limit,
    limit,
    remaining: Math.max(0, limit - used),
    resetSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now) / 1000)),
  };
}

export async function deleteExpiredRateLimits(ctx: ServiceContext) {
  await ctx.db.delete(rateLimits).where(lt(rateLimits.expiresAt, new Date()));
}
