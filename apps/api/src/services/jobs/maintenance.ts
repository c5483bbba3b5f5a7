import { z } from "zod";
import { type ServiceContext, withTransaction } from "../context.js";
import { deleteExpiredIdempotencyKeys } from "../infra/idempotency.js";
import { deleteExpiredRateLimits } from "../infra/rate-limits.js";
import { defineJob } from "./define-job.js";
import { deleteOldCompletedJobs, deleteStaleWorkerHeartbeats, enqueueJobOnce, MAINTENANCE_JOB } from "./queue.js";

const DAY_MS = 24 * 3600 * 1000;
const STALE_HEARTBEAT_MS = 3600 * 1000;

/**
 * The start of the `everyMs` slot after `now` (or the one containing it). Occurrences sit on a
 * grid, not at "last run + period", so every pool computes the same due time and the queue keeps
 * one job per occurrence however many pools schedule it.
 */
export function maintenanceSlot(everyMs: number, now: number, next: boolean): Date {
  const start = Math.floor(now / everyMs) * everyMs;
  return new Date(next ? start + everyMs : start);
}

/** Makes sure the current occurrence is queued; called by each pool as it starts. */
export async function scheduleMaintenance(ctx: ServiceContext, everyMs: number) {
  await withTransaction(ctx, (tx) =>
    enqueueJobOnce(tx, MAINTENANCE_JOB, { every_ms: everyMs }, maintenanceSlot(everyMs, ctx.clock.now().getTime(), false)),
  );
}

/**
 * Housekeeping, once per period across all pools: expired rate-limit windows and idempotency
 * keys, completed jobs older than a day, heartbeats of pools that were killed. The next
 * occurrence is queued first, so a failure here does not end the schedule.
 */
export const maintenanceJob = defineJob(
  MAINTENANCE_JOB,
  z.object({ every_ms: z.number().int().positive() }),
  async ({ ctx, payload }) => {
    await withTransaction(ctx, (tx) =>
      enqueueJobOnce(tx, MAINTENANCE_JOB, payload, maintenanceSlot(payload.every_ms, ctx.clock.now().getTime(), true)),
    );
    await deleteExpiredRateLimits(ctx);
    await deleteExpiredIdempotencyKeys(ctx);
    await deleteOldCompletedJobs(ctx.db, DAY_MS, ctx.clock.now());
    await deleteStaleWorkerHeartbeats(ctx.db, STALE_HEARTBEAT_MS);
  },
);
