import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One row per worker pool, touched while it runs: any process can tell whether workers are up. */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  workerId: text().primaryKey(),
  seenAt: timestamp({ withTimezone: true }).notNull(),
});
