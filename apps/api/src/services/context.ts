import type { Config } from "../env.js";
import type { Db, DbOrTx } from "../db/client.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { Processor } from "../processor/processor.js";
import type { CredentialCache } from "./infra/credential-cache.js";

/** What every service verb receives: the database (or the caller's transaction) and the app's parts. */
export interface ServiceContext {
  db: DbOrTx;
  config: Config;
  logger: Logger;
  processor: Processor;
  credentials: CredentialCache;
  /** Every time-dependent decision reads this clock (the test clock moves it in TEST_MODE). */
  clock: Clock;
}

/**
 * Runs `fn` in a transaction, reusing the caller's when `ctx.db` already is one, so a verb
 * called inside another's transaction (idempotency, workers) commits with it.
 */
export async function withTransaction<T>(ctx: ServiceContext, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  if (isTransaction(ctx.db)) return fn(ctx);
  return (ctx.db as Db).transaction((tx) => fn({ ...ctx, db: tx }));
}

function isTransaction(db: DbOrTx): boolean {
  return "rollback" in db;
}
