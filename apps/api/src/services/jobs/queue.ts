import { and, asc, count, eq, lt, min, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { type Db, type DbOrTx, notifyOnCommit } from "../../db/client.js";
import { type JobRow, jobs, workerHeartbeats } from "../../db/schema/index.js";

export const JOBS_CHANNEL = "paygate_jobs";

export type JobType = "payment.process" | "refund.process" | "webhook.deliver" | "ledger.release" | "settlement.run";

/** Jobs due sooner than this wake the workers at commit; later ones are found by the workers' timer. */
export const NOTIFY_WITHIN_MS = 1000;

/**
 * Queues a job in the caller's transaction, due after `delayMs`. A job due at once wakes the
 * workers when the transaction commits; NOTIFY serialises commits on a global lock, so jobs due
 * later are left to the workers' next-due timer instead.
 */
export async function enqueueJob(db: DbOrTx, job: { type: JobType; payload: Record<string, unknown>; delayMs?: number }) {
  const delayMs = job.delayMs ?? 0;
  await db.insert(jobs).values({
    type: job.type,
    payload: job.payload,
    runAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
  });
  if (delayMs < NOTIFY_WITHIN_MS) await notifyOnCommit(db, JOBS_CHANNEL);
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
  await db
    .update(jobs)
    .set({ status: "completed", lockedUntil: null, updatedAt: new Date() })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? "")));
}

/** Puts a job back to run again at `delayMs` from now (or fails it after its last attempt). */
export async function rescheduleJob(db: DbOrTx, job: JobRow, delayMs: number, error: string | null) {
  const exhausted = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: exhausted ? "failed" : "pending",
      runAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
      lockedUntil: null,
      lastError: error?.slice(0, 2000) ?? null,
      updatedAt: new Date(),
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? "")));
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

/** Jobs by status; a pending job counts once it is due (a settlement due tomorrow is not waiting work). */
export async function jobCounts(db: DbOrTx) {
  const rows = await db
    .select({ status: jobs.status, n: count() })
    .from(jobs)
    .where(sql`${jobs.status} <> 'pending' or ${jobs.runAt} <= now()`)
    .groupBy(jobs.status);
  const of = (status: JobRow["status"]) => rows.find((row) => row.status === status)?.n ?? 0;
  return { pending: of("pending"), processing: of("processing"), completed: of("completed"), failed: of("failed") };
}

export async function deleteOldCompletedJobs(db: DbOrTx, olderThanMs: number) {
  await db
    .delete(jobs)
    .where(and(eq(jobs.status, "completed"), lt(jobs.updatedAt, new Date(Date.now() - olderThanMs))));
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
