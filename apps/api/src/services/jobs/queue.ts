import { and, asc, count, eq, lt, min, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { type Db, type DbOrTx, notifyOnCommit } from "../../db/client.js";
import { type JobRow, jobs, workerHeartbeats } from "../../db/schema/index.js";
import type { Clock } from "../../lib/clock.js";

export const JOBS_CHANNEL = "paygate_jobs";

export type JobType =
  | "payment.process"
  | "payment.expire_authorization"
  | "payment.action_timeout"
  | "refund.process"
  | "webhook.deliver";

/** Jobs due sooner than this wake the workers at commit; later ones are found by the workers' timer. */
export const NOTIFY_WITHIN_MS = 1000;

/** A timestamp parameter: the clock's time, never the database's `now()`. */
const at = (time: Date) => sql`${time.toISOString()}::timestamptz`;

/**
 * Queues a job in the caller's transaction, due `delayMs` after the clock's now (or at `runAt`).
 * A job due at once wakes the workers when the transaction commits; NOTIFY serialises commits on
 * a global lock, so jobs due later are left to the workers' next-due timer instead.
 */
export async function enqueueJob(
  ctx: { db: DbOrTx; clock: Clock },
  job: { type: JobType; payload: Record<string, unknown>; delayMs?: number; runAt?: Date },
) {
  const now = ctx.clock.now();
  const runAt = job.runAt ?? new Date(now.getTime() + (job.delayMs ?? 0));
  await ctx.db.insert(jobs).values({ type: job.type, payload: job.payload, runAt, createdAt: now, updatedAt: now });
  if (runAt.getTime() - now.getTime() < NOTIFY_WITHIN_MS) await notifyOnCommit(ctx.db, JOBS_CHANNEL);
}

/**
 * Claims up to `limit` due jobs: pending ones whose time has come by the clock (`now`, which the
 * TEST_MODE clock moves), and processing ones whose worker's lease ran out (the worker died).
 * SKIP LOCKED lets many workers claim at once. Leases are measured in the database's real time:
 * they are about a process staying alive, and moving the test clock must not expire them.
 */
export async function claimDueJobs(
  db: Db,
  options: { workerId: string; limit: number; leaseMs: number; now: Date },
): Promise<JobRow[]> {
  const lock = <T extends PgColumn>(status: JobRow["status"], time: T, due: SQL) =>
    db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, status), due))
      .orderBy(asc(time))
      .limit(options.limit)
      .for("update", { skipLocked: true });
  // One statement, not a transaction of four round trips. Each branch walks the (status, run_at)
  // index and stops at `limit`: an OR of both would sort every due row on each claim, which made
  // a deep queue quadratic. Expired leases go first so a busy queue cannot starve them.
  const expired = lock("processing", jobs.lockedUntil, sql`${jobs.lockedUntil} < now()`);
  const due = lock("pending", jobs.runAt, sql`${jobs.runAt} <= ${at(options.now)}`);
  return db
    .update(jobs)
    .set({
      status: "processing",
      lockedBy: options.workerId,
      lockedUntil: sql`now() + ${options.leaseMs} * interval '1 millisecond'`,
      attempts: sql`${jobs.attempts} + 1`,
      updatedAt: options.now,
    })
    .where(sql`${jobs.id} in (select id from (${expired}) expired union all select id from (${due}) due limit ${options.limit})`)
    .returning();
}

/** Marks a claimed job done; a no-op if another worker took it over after the lease. */
export async function completeJob(db: DbOrTx, job: JobRow, now: Date) {
  await db
    .update(jobs)
    .set({ status: "completed", lockedUntil: null, updatedAt: now })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? "")));
}

/** Puts a job back to run again `delayMs` after `now` (or fails it after its last attempt). */
export async function rescheduleJob(db: DbOrTx, job: JobRow, delayMs: number, error: string | null, now: Date) {
  const exhausted = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: exhausted ? "failed" : "pending",
      runAt: new Date(now.getTime() + delayMs),
      lockedUntil: null,
      lastError: error?.slice(0, 2000) ?? null,
      updatedAt: now,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? "")));
}

/** Milliseconds from `now` until the next pending job is due (null when none is queued). */
export async function msUntilNextJob(db: Db, now: Date): Promise<number | null> {
  const [row] = await db
    .select({ wait: sql<string | null>`extract(epoch from (${min(jobs.runAt)} - ${at(now)})) * 1000` })
    .from(jobs)
    .where(eq(jobs.status, "pending"));
  if (!row?.wait) return null;
  return Math.max(0, Number(row.wait));
}

/**
 * The queue by status. `pending` counts jobs due by `now` (work waiting for a worker); jobs due
 * later (an authorization's expiry, a webhook's next retry) are `scheduled`, so "nothing pending"
 * still means the workers are done with what is due.
 */
export async function jobCounts(db: DbOrTx, now: Date) {
  const status = sql<string>`case when ${jobs.status} = 'pending' and ${jobs.runAt} > ${at(now)} then 'scheduled' else ${jobs.status} end`;
  // Grouped by position: the expression carries a parameter, which GROUP BY would not match.
  const rows = await db.select({ status, n: count() }).from(jobs).groupBy(sql`1`);
  const of = (name: JobRow["status"] | "scheduled") => rows.find((row) => row.status === name)?.n ?? 0;
  return { pending: of("pending"), scheduled: of("scheduled"), processing: of("processing"), completed: of("completed"), failed: of("failed") };
}

export async function deleteOldCompletedJobs(db: DbOrTx, olderThanMs: number, now: Date) {
  await db
    .delete(jobs)
    .where(and(eq(jobs.status, "completed"), lt(jobs.updatedAt, new Date(now.getTime() - olderThanMs))));
}

/** A worker pool says it is alive; `workersRunning` counts pools seen in the last 15 s. */
export async function touchWorkerHeartbeat(db: DbOrTx, workerId: string) {
  await db
    .insert(workerHeartbeats)
    .values({ workerId, seenAt: sql`now()` })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { seenAt: sql`now()` } });
}

export async function removeWorkerHeartbeat(db: DbOrTx, workerId: string) {
  await db.delete(workerHeartbeats).where(eq(workerHeartbeats.workerId, workerId));
}

export async function workersRunning(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(workerHeartbeats)
    .where(sql`${workerHeartbeats.seenAt} > now() - interval '15 seconds'`);
  return (row?.n ?? 0) > 0;
}
