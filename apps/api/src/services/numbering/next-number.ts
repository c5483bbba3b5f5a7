import { sql } from "drizzle-orm";
import { numberSequences } from "../../db/schema/index.js";
import type { TxContext } from "../context.js";

/**
 * The merchant's next number in the sequence `name` (1, 2, 3, …). The upsert increments the
 * counter row and keeps it locked until `tx` ends, so concurrent callers queue on it: each gets
 * the next number, a rolled-back transaction gives its number back, and none is skipped or
 * repeated. Take it last in a transaction (after the rows it guards are locked) to hold the
 * counter briefly and keep one lock order.
 */
export async function nextNumber(tx: TxContext, merchantId: string, name: string): Promise<number> {
  const [row] = await tx.db
    .insert(numberSequences)
    .values({ merchantId, name, lastValue: 1 })
    .onConflictDoUpdate({
      target: [numberSequences.merchantId, numberSequences.name],
      set: { lastValue: sql`${numberSequences.lastValue} + 1` },
    })
    .returning({ value: numberSequences.lastValue });
  if (!row) throw new Error(`no number from sequence ${name}`);
  return row.value;
}

/** `RCPT-000042`: the prefix and the number zero-padded to six digits (more digits past 999999). */
export function formatDocumentNumber(prefix: string, value: number): string {
  return `${prefix}-${String(value).padStart(6, "0")}`;
}
