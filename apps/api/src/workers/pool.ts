import { randomBytes } from "node:crypto";
import type { Database } from "../db/client.js";
import type { JobRow } from "../db/schema/index.js";
import type { ServiceContext } from "../services/context.js";
import { deleteExpiredIdempotencyKeys } from "../services/infra/idempotency.js";
import {
  claimDueJobs,
  completeJob,
  deleteOldCompletedJobs,
  JOBS_CHANNEL,
  type JobType,
  msUntilNextJob,
  removeWorkerHeartbeat,
  rescheduleJob,
  touchWorkerHeartbeat,
} from "../services/jobs/queue.js";
import { deleteExpiredRateLimits } from "../services/infra/rate-limits.js";

/** A handler finishes its job, or asks to run again later (a webhook's next retry). */
export type JobHandler = (ctx: ServiceContext, job: JobRow) => Promise<void | { retryInMs: number }>;

export interface WorkerPool {
  readonly id: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): "running" | "stopped";
}

const POLL_MS = 1000;
const MAINTENANCE_MS = 60_000;
const HEARTBEAT_MS = 5000;

/**
 * Claims due jobs and runs up to `concurrency` at once. It sleeps until the next job is due,
 * a transaction NOTIFYs new work, or a poll interval passes (the fallback if a NOTIFY is lost).
 */
export function createWorkerPool(options: {
  database: Database;
  ctx: ServiceContext;
  handlers: Record<JobType, JobHandler>;
  concurrency: number;
  leaseMs: number;
}): WorkerPool {
  const { database, ctx, handlers, concurrency, leaseMs } = options;
  const id = `wrk_${process.pid}_${randomBytes(4).toString("hex")}`;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let unlisten: (() => Promise<void>) | undefined;
  const inFlight = new Set<Promise<void>>();
  let lastMaintenance = 0;
  let lastHeartbeat = 0;
  // A wake-up (NOTIFY, finished job) that lands while the loop is querying rather than sleeping
  // is remembered, so the next sleep returns at once instead of waiting out the poll interval.
  let woken = false;
  let wakeSleeper: (() => void) | undefined;
  const wake = () => {
    woken = true;
    wakeSleeper?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleeper = undefined;
        woken = false;
        resolve();
      }
      wakeSleeper = done;
    });

  async function run(job: JobRow) {
    const handler = handlers[job.type as JobType];
    try {
      if (!handler) throw new Error(`No handler for job type ${job.type}`);
      const result = await handler(ctx, job);
      if (result && "retryInMs" in result) await rescheduleJob(database.db, job, result.retryInMs, null, ctx.clock.now());
      else await completeJob(database.db, job, ctx.clock.now());
    } catch (error) {
      ctx.logger.error("job failed", { job_id: job.id, type: job.type, attempt: job.attempts, error: String(error) });
      const backoffMs = Math.min(60_000, 500 * 2 ** job.attempts);
      await rescheduleJob(database.db, job, backoffMs, String(error), ctx.clock.now()).catch(() => {});
    }
  }

  async function maintain() {
    if (Date.now() - lastHeartbeat >= HEARTBEAT_MS) {
      lastHeartbeat = Date.now();
      await touchWorkerHeartbeat(database.db, id);
    }
    if (Date.now() - lastMaintenance < MAINTENANCE_MS) return;
    lastMaintenance = Date.now();
    const maintenanceCtx = { ...ctx, db: database.db };
    await deleteExpiredRateLimits(maintenanceCtx);
    await deleteExpiredIdempotencyKeys(maintenanceCtx);
    await deleteOldCompletedJobs(database.db, 24 * 3600 * 1000, ctx.clock.now());
  }

  async function loop() {
    while (running) {
      try {
        await maintain();
        const free = concurrency - inFlight.size;
        if (free > 0) {
          woken = false;
          const claimed = await claimDueJobs(database.db, { workerId: id, limit: free, leaseMs, now: ctx.clock.now() });
          for (const job of claimed) {
            const task = run(job).finally(() => {
              inFlight.delete(task);
              wake();
            });
            inFlight.add(task);
          }
          if (claimed.length === free) continue;
        } else {
          // Every slot is busy: a finishing job wakes the loop; asking the database when the
          // next job is due would only spin (it is due now) and load the database.
          await sleep(POLL_MS);
          continue;
        }
        const nextDue = await msUntilNextJob(database.db, ctx.clock.now());
        await sleep(Math.min(nextDue ?? POLL_MS, POLL_MS));
      } catch (error) {
        if (!running) break;
        ctx.logger.error("worker loop error", { error: String(error) });
        await sleep(POLL_MS);
      }
    }
  }

  return {
    id,
    async start() {
      if (running) return;
      running = true;
      unlisten = await database.listen(JOBS_CHANNEL, () => wake());
      loopDone = loop();
    },
    async stop() {
      if (!running) return;
      running = false;
      wake();
      await loopDone;
      await Promise.allSettled([...inFlight]);
      await unlisten?.().catch(() => {});
      await removeWorkerHeartbeat(database.db, id).catch(() => {});
    },
    status: () => (running ? "running" : "stopped"),
  };
}
