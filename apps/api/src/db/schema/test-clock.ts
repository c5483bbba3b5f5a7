import { bigint, integer, pgTable } from "drizzle-orm/pg-core";

/**
 * The TEST_MODE clock's offset from the system clock, one row shared by every API and worker
 * process on the database. Outside TEST_MODE it is never read.
 */
export const testClock = pgTable("test_clock", {
  id: integer().primaryKey().default(1),
  offsetMs: bigint({ mode: "number" }).notNull().default(0),
});
