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
  await tx.db.insert(jobs).values({
    type,
    payload,
    runAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
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
  if (runAt.getTime() - Date.now() < NOTIFY_WITHIN_MS) await notifyOnCommit(tx.db, JOBS_CHANNEL);
  return true;
}

/**
 * Claims up to `limit` due jobs: pending ones whose time has come, and processing ones whose
 * worker's lease ran out (the worker died). SKIP LOCKED lets many workers claim at once.
 */
export async function claimDueJobs(db: Db, options: { workerId: string; limit: number; leaseMs: number }): Promise<JobRow[]> {
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
  const due = lock("pending", jobs.runAt, sql`${jobs.runAt} <= now()`);
  return db
    .update(jobs)
    .set({
      status: "processing",
      lockedBy: options.workerId,
      lockedUntil: sql`now() + ${options.leaseMs} * interval '1 millisecond'`,
      attempts: sql`${jobs.attempts} + 1`,
      updatedAt: new Date(),
    })
    .where(sql`${jobs.id} in (select id from (${expired}) expired union all select id from (${due}) due limit ${options.limit})`)
    .returning();
}

/** Marks a claimed job done; a no-op if another worker took it over after the lease. */
export async function completeJob(db: DbOrTx, job: JobRow) {
  await db.update(jobs).set({ status: "completed", lockedUntil: null, updatedAt: new Date() }).where(heldBy(job));
}

/** Puts a job back to run again at `delayMs` from now; a no-op if another worker took it over. */
export async function rescheduleJob(db: DbOrTx, job: JobRow, delayMs: number, error: string | null) {
  await db
    .update(jobs)
    .set({
      status: "pending",
      runAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
      lockedUntil: null,
      lastError: error?.slice(0, 2000) ?? null,
      updatedAt: new Date(),
    })
    .where(heldBy(job));
}

/** Marks a job failed for good; false when this worker no longer holds it. */
export async function failJob(db: DbOrTx, job: JobRow, error: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "failed", lockedUntil: null, lastError: error.slice(0, 2000), updatedAt: new Date() })
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

/** Milliseconds until the next pending job is due (null when none is queued). */
export async function msUntilNextJob(db: Db): Promise<number | null> {
  const [row] = await db
    .select({ wait: sql<string | null>`extract(epoch from (${min(jobs.runAt)} - now())) * 1000` })
    .from(jobs)
    .where(eq(jobs.status, "pending"));
  if (!row?.wait) return null;
  return Math.max(0, Number(row.wait));
}

/**
 * The queue of work, without the always-queued housekeeping job (a drained queue reads 0
 * pending); a pending job counts once it is due (a settlement due tomorrow is not waiting work).
 */
export async function jobCounts(db: DbOrTx) {
  const rows = await db
    .select({ status: jobs.status, n: count() })
    .from(jobs)
    .where(and(ne(jobs.type, MAINTENANCE_JOB), sql`(${jobs.status} <> 'pending' or ${jobs.runAt} <= now())`))
    .groupBy(jobs.status);
  const of = (status: JobRow["status"]) => rows.find((row) => row.status === status)?.n ?? 0;
  return { pending: of("pending"), processing: of("processing"), completed: of("completed"), failed: of("failed") };
}

export async function deleteOldCompletedJobs(db: DbOrTx, olderThanMs: number) {
  await db.delete(jobs).where(and(eq(jobs.status, "completed"), lt(jobs.updatedAt, new Date(Date.now() - olderThanMs))));
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
