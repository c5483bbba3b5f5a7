import { bigint, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";

/**
 * Per-merchant document counters (`receipt` → RCPT-000001, …). A number is taken by an upsert
 * that increments the row and holds its lock until the caller's transaction ends: a rollback
 * gives the number back, so the numbers are gapless and never repeat.
 */
export const numberSequences = pgTable(
  "number_sequences",
  {
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    name: text().notNull(),
    lastValue: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.name] })],
);
