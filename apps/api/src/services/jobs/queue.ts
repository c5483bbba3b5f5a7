import { and, asc, count, eq, lt, min, ne, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { type Db, type DbOrTx, notifyOnCommit } from "../../db/client.js";
import { type JobRow, jobs, workerHeartbeats } from "../../db/schema/index.js";
import type { TxContext } from "../context.js";
import type { JobPayload, JobType } from "./registry.js";

export const JOBS_CHANNEL = "paygate_jobs";

/** The scheduled housekeeping job's type (see maintenance.ts). */
export const MAINTENANCE_JOB = "maintenance";

/** Jobs due sooner than this wake the workers at commit; later ones are found by the workers' timer. */
export const NOTIFY_WITHIN_MS = 1000;

/** A timestamp parameter: the clock's time (`ctx.clock`, which the test clock moves), never SQL `now()`. */
const at = (time: Date) => sql`${time.toISOString()}::timestamptz`;

/**
 * Queues a job in the caller's transaction, due after `delayMs`; its payload type follows from
 * the job's definition. A job due at once wakes the workers when the transaction commits; NOTIFY
 * serialises commits on a global lock, so jobs due later are left to the workers' next-due timer.
 */
export async function enqueueJob<Type extends JobType>(
  tx: TxContext,
  type: Type,
  payload: JobPayload<Type>,
  options: { delayMs?: number; maxAttempts?: number } = {},
) {
  const delayMs = options.delayMs ?? 0;
  const now = tx.clock.now();
  await tx.db.insert(jobs).values({
    type,
    payload,
    runAt: new Date(now.getTime() + delayMs),
    createdAt: now,
    updatedAt: now,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  if (delayMs < NOTIFY_WITHIN_MS) await notifyOnCommit(tx.db, JOBS_CHANNEL);
}

/**
 * Queues a job for the exact time `runAt` unless one of that type is already queued for it: N
 * worker pools scheduling the same occurrence leave one row. A transaction-scoped advisory lock
 * serialises the check and the insert (there is no unique key to conflict on).
 */
export async function enqueueJobOnce<Type extends JobType>(tx: TxContext, type: Type, payload: JobPayload<Type>, runAt: Date) {
  await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`paygate_job_once:${type}`}))`);
  const [existing] = await tx.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.type, type), eq(jobs.runAt, runAt)))
    .limit(1);
  if (existing) return false;
  await tx.db.insert(jobs).values({ type, payload, runAt });
  if (runAt.getTime() - tx.clock.now().getTime() < NOTIFY_WITHIN_MS) await notifyOnCommit(tx.db, JOBS_CHANNEL);
  return true;
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
  await db.update(jobs).set({ status: "completed", lockedUntil: null, updatedAt: now }).where(heldBy(job));
}

/** Puts a job back to run again `delayMs` after `now`; a no-op if another worker took it over. */
export async function rescheduleJob(db: DbOrTx, job: JobRow, delayMs: number, error: string | null, now: Date) {
  await db
    .update(jobs)
    .set({
      status: "pending",
      runAt: new Date(now.getTime() + delayMs),
      lockedUntil: null,
      lastError: error?.slice(0, 2000) ?? null,
      updatedAt: now,
    })
    .where(heldBy(job));
}

/** Marks a job failed for good; false when this worker no longer holds it. */
export async function failJob(db: DbOrTx, job: JobRow, error: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "failed", lockedUntil: null, lastError: error.slice(0, 2000), updatedAt: now })
    .where(heldBy(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Pushes the lease of a running job `leaseMs` further (pg-boss's heartbeat): a handler slower
 * than one lease keeps its job. False when the lease was lost, i.e. another worker claimed it.
 */
export async function extendLease(db: DbOrTx, job: JobRow, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(heldBy(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** The job is still this claim's: processing, locked by the same worker, and not re-claimed since. */
function heldBy(job: JobRow) {
  return and(
    eq(jobs.id, job.id),
    eq(jobs.status, "processing"),
    eq(jobs.lockedBy, job.lockedBy ?? ""),
    eq(jobs.attempts, job.attempts),
  );
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
 * The queue of work, without the always-queued housekeeping job (a drained queue reads 0 pending).
 * `pending` counts jobs due by `now` (work waiting for a worker); jobs due later (an
 * authorization's expiry, a webhook's next retry) are `scheduled`, so "nothing pending" still
 * means the workers are done with what is due.
 */
export async function jobCounts(db: DbOrTx, now: Date) {
  const status = sql<string>`case when ${jobs.status} = 'pending' and ${jobs.runAt} > ${at(now)} then 'scheduled' else ${jobs.status} end`;
  // Grouped by position: the expression carries a parameter, which GROUP BY would not match.
  const rows = await db.select({ status, n: count() }).from(jobs).where(ne(jobs.type, MAINTENANCE_JOB)).groupBy(sql`1`);
  const of = (name: JobRow["status"] | "scheduled") => rows.find((row) => row.status === name)?.n ?? 0;
  return {
    pending: of("pending"),
    scheduled: of("scheduled"),
    processing: of("processing"),
    completed: of("completed"),
    failed: of("failed"),
  };
}

export async function deleteOldCompletedJobs(db: DbOrTx, olderThanMs: number, now: Date) {
  await db.delete(jobs).where(and(eq(jobs.status, "completed"), lt(jobs.updatedAt, new Date(now.getTime() - olderThanMs))));
}

/** A worker pool says it is alive; `workersRunning` counts pools seen in the last 15 s. */
export async function touchWorkerHeartbeat(db: DbOrTx, workerId: string) {
  await db
    .insert(workerHeartbeats)
    .values({ workerId, seenAt: sql`now()` })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { seenAt: sql`now()` } });
}

/** Heartbeats of pools that stopped without removing theirs (killed), long after they count. */
export async function deleteStaleWorkerHeartbeats(db: DbOrTx, olderThanMs: number) {
  await db.delete(workerHeartbeats).where(lt(workerHeartbeats.seenAt, new Date(Date.now() - olderThanMs)));
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
