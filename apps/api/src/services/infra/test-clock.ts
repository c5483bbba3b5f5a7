import { and, asc, count, eq, gt, inArray, lte, ne, or } from "drizzle-orm";
import { type Database, type DbOrTx, notifyOnCommit } from "../../db/client.js";
import { jobs, testClock } from "../../db/schema/index.js";
import type { Clock } from "../../lib/clock.js";
import { JOBS_CHANNEL, MAINTENANCE_JOB } from "../jobs/queue.js";

export const CLOCK_CHANNEL = "paygate_clock";

/**
 * The TEST_MODE clock: the system clock plus an offset that lives in the database, so every API
 * and worker process on it agrees. Each process caches the offset (`now()` stays synchronous) and
 * hears changes by NOTIFY, whose payload carries the new offset: no read races the wake-up.
 */
export interface TestClock extends Clock {
  readonly kind: "test";
  offsetMs(): number;
  /** Moves the clock for every process: the row, then a NOTIFY to all of them, in one commit. */
  setOffset(offsetMs: number): Promise<void>;
  close(): Promise<void>;
}

export function isTestClock(clock: Clock): clock is TestClock {
  return "kind" in clock && clock.kind === "test";
}

export async function openTestClock(database: Database): Promise<TestClock> {
  let offset = 0;
  // Subscribe first, then read: a change committed in between is heard, not missed.
  const unlisten = await database.listen(CLOCK_CHANNEL, (payload) => {
    const value = Number(payload);
    if (Number.isFinite(value)) offset = value;
  });
  await database.db.insert(testClock).values({ id: 1, offsetMs: 0 }).onConflictDoNothing();
  const [row] = await database.db.select().from(testClock).where(eq(testClock.id, 1));
  offset = row?.offsetMs ?? 0;
  return {
    kind: "test",
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,
    async setOffset(offsetMs) {
      await database.db.transaction(async (tx) => {
        await tx.update(testClock).set({ offsetMs }).where(eq(testClock.id, 1));
        // The clock first, then the jobs channel: workers learn the new time before they wake.
        await notifyOnCommit(tx, CLOCK_CHANNEL, String(offsetMs));
        await notifyOnCommit(tx, JOBS_CHANNEL);
      });
      offset = offsetMs;
    },
    close: unlisten,
  };
}

const SETTLE_TIMEOUT_MS = 20_000;
const MAX_STEPS = 10_000;

/**
 * Moves the test clock forward by `seconds` so that everything falling due in the window runs, in
 * due order: the clock steps to the earliest pending job due before the target, the workers run
 * what is due (and what that enqueues), and so on; then the clock lands on the target. Waiting is
 * bounded, and skipped when no worker runs anywhere (nothing would run the jobs).
 */
export async function advanceTestClock(options: {
  db: DbOrTx;
  clock: TestClock;
  seconds: number;
  workersActive: () => Promise<boolean>;
}): Promise<void> {
  const { db, clock } = options;
  const target = clock.now().getTime() + options.seconds * 1000;
  // The move is exactly `seconds` however long the due jobs took to run in real time (a daily
  // settlement falls in every 24 h window): the final offset is the first plus `seconds`.
  const finalOffsetMs = clock.offsetMs() + options.seconds * 1000;
  const settle = async () => {
    if (await options.workersActive()) await waitUntilNothingDue(db, clock);
  };
  await settle();
  for (let step = 0; step < MAX_STEPS; step++) {
    const now = clock.now();
    const [next] = await db
      .select({ runAt: jobs.runAt })
      .from(jobs)
      // Housekeeping recurs every few clock minutes and runs whenever it is due anyway: stepping
      // to each occurrence would make a long advance thousands of steps.
      .where(
        and(eq(jobs.status, "pending"), ne(jobs.type, MAINTENANCE_JOB), gt(jobs.runAt, now), lte(jobs.runAt, new Date(target))),
      )
      .orderBy(asc(jobs.runAt))
      .limit(1);
    if (!next) break;
    await clock.setOffset(next.runAt.getTime() - Date.now());
    await settle();
  }
  await clock.setOffset(finalOffsetMs);
  await settle();
}

/** Waits (bounded) until no job due by the clock is pending and none is running. */
async function waitUntilNothingDue(db: DbOrTx, clock: Clock) {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const [row] = await db
      .select({ n: count() })
      .from(jobs)
      .where(or(and(eq(jobs.status, "pending"), lte(jobs.runAt, clock.now())), inArray(jobs.status, ["processing"])));
    if ((row?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
