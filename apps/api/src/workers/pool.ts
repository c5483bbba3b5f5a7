import { randomBytes } from "node:crypto";
import type { Database } from "../db/client.js";
import type { JobRow } from "../db/schema/index.js";
import { type ServiceContext, withTransaction } from "../services/context.js";
import type { JobDefinition } from "../services/jobs/define-job.js";
import { scheduleMaintenance } from "../services/jobs/maintenance.js";
import {
  claimDueJobs,
  completeJob,
  extendLease,
  failJob,
  JOBS_CHANNEL,
  msUntilNextJob,
  removeWorkerHeartbeat,
  rescheduleJob,
  touchWorkerHeartbeat,
} from "../services/jobs/queue.js";

export interface WorkerPool {
  readonly id: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): "running" | "stopped";
}

const POLL_MS = 1000;
const HEARTBEAT_MS = 5000;

class LeaseLost extends Error {
  constructor() {
    super("the job's lease was lost to another worker");
  }
}
class ShuttingDown extends Error {
  constructor() {
    super("the worker pool is stopping");
  }
}

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * Claims due jobs and runs up to `concurrency` at once. It sleeps until the next job is due,
 * a transaction NOTIFYs new work, or a poll interval passes (the fallback if a NOTIFY is lost).
 * While a handler runs its lease is extended; housekeeping is a scheduled job of its own.
 */
export function createWorkerPool(options: {
  database: Database;
  ctx: ServiceContext;
  jobs: readonly JobDefinition[];
  concurrency: number;
  leaseMs: number;
  maintenanceEveryMs: number;
}): WorkerPool {
  const { database, ctx, concurrency, leaseMs } = options;
  const definitions = new Map(options.jobs.map((definition) => [definition.type, definition]));
  const id = `wrk_${process.pid}_${randomBytes(4).toString("hex")}`;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let unlisten: (() => Promise<void>) | undefined;
  const inFlight = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
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

  /**
   * Extends the job's lease every third of it while the handler runs (pg-boss's heartbeat). If
   * the lease is gone (this worker stalled past it and another claimed the job) the handler's
   * signal aborts: two workers never knowingly run one job.
   */
  function keepLease(job: JobRow, controller: AbortController) {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const beat = async () => {
      try {
        if (!(await extendLease(database.db, job, leaseMs)) && !stopped) controller.abort(new LeaseLost());
      } catch (error) {
        if (!stopped) ctx.logger.warn("lease extension failed", { job_id: job.id, error: describe(error) });
      }
      // The handler may have finished while the extension was in flight: then no new beat.
      if (!stopped && !controller.signal.aborted) timer = setTimeout(beat, leaseMs / 3);
    };
    timer = setTimeout(beat, leaseMs / 3);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  async function exhaust(job: JobRow, definition: JobDefinition | undefined, payload: unknown, error: unknown) {
    await withTransaction(ctx, async (tx) => {
      if (!(await failJob(tx.db, job, describe(error), tx.clock.now()))) return;
      if (definition?.onExhausted && payload !== undefined) await definition.onExhausted({ tx, payload });
    });
  }

  async function run(job: JobRow) {
    const definition = definitions.get(job.type);
    const controller = new AbortController();
    controllers.add(controller);
    const stopLease = keepLease(job, controller);
    let payload: unknown;
    try {
      if (!definition) throw new Error(`No handler for job type ${job.type}`);
      payload = definition.payload.parse(job.payload);
      const result = await definition.handler({ ctx, payload, signal: controller.signal, attempt: job.attempts });
      stopLease();
      if (result && "retryInMs" in result) await rescheduleJob(database.db, job, result.retryInMs, null, ctx.clock.now());
      else await completeJob(database.db, job, ctx.clock.now());
    } catch (error) {
      stopLease();
      const reason: unknown = controller.signal.reason;
      if (reason instanceof LeaseLost) {
        ctx.logger.warn("job lease lost", { job_id: job.id, type: job.type });
        return;
      }
      if (reason instanceof ShuttingDown) {
        await rescheduleJob(database.db, job, 0, "interrupted by shutdown", ctx.clock.now()).catch(() => {});
        return;
      }
      ctx.logger.error("job failed", { job_id: job.id, type: job.type, attempt: job.attempts, error: describe(error) });
      // A payload that does not parse, or a type nobody handles, will not get better by retrying.
      const permanent = !definition || payload === undefined;
      try {
        if (permanent || job.attempts >= job.maxAttempts) await exhaust(job, definition, payload, error);
        else await rescheduleJob(database.db, job, Math.min(60_000, 500 * 2 ** job.attempts), describe(error), ctx.clock.now());
      } catch (settleError) {
        ctx.logger.error("job failure not recorded", { job_id: job.id, error: describe(settleError) });
      }
    } finally {
      stopLease();
      controllers.delete(controller);
    }
  }

  async function beat() {
    if (Date.now() - lastHeartbeat < HEARTBEAT_MS) return;
    lastHeartbeat = Date.now();
    await touchWorkerHeartbeat(database.db, id);
  }

  async function loop() {
    while (running) {
      try {
        await beat();
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
        ctx.logger.error("worker loop error", { error: describe(error) });
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
      await scheduleMaintenance(ctx, options.maintenanceEveryMs).catch((error: unknown) =>
        ctx.logger.error("maintenance not scheduled", { error: describe(error) }),
      );
      loopDone = loop();
    },
    async stop() {
      if (!running) return;
      running = false;
      wake();
      await loopDone;
      for (const controller of controllers) controller.abort(new ShuttingDown());
      await Promise.allSettled([...inFlight]);
      await unlisten?.().catch(() => {});
      await removeWorkerHeartbeat(database.db, id).catch(() => {});
    },
    status: () => (running ? "running" : "stopped"),
  };
}
