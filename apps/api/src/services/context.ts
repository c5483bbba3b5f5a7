import type { DbOrTx, Tx } from "../db/client.js";
import type { Config } from "../env.js";
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

declare const inTransaction: unique symbol;

/**
 * A context whose `db` is an open transaction. Only `withTransaction` makes one (the brand
 * cannot be written elsewhere), and guarded transitions, `recordEvent` and `enqueueJob` demand
 * it: "state change + outbox event + job commit together" is checked by the compiler.
 */
export interface TxContext extends ServiceContext {
  db: Tx;
  readonly [inTransaction]: true;
}

/**
 * Runs `fn` in a transaction, reusing the caller's when `ctx.db` already is one, so a verb
 * called inside another's transaction (idempotency, workers) commits with it.
 */
export async function withTransaction<T>(ctx: ServiceContext, fn: (tx: TxContext) => Promise<T>): Promise<T> {
  const db = ctx.db;
  if (isTransaction(db)) return fn(brand(ctx, db));
  return db.transaction((tx) => fn(brand(ctx, tx)));
}

/** A savepoint inside `tx`: an error thrown by `fn` undoes its writes and leaves the outer transaction usable. */
export async function withSavepoint<T>(tx: TxContext, fn: (inner: TxContext) => Promise<T>): Promise<T> {
  return tx.db.transaction((inner) => fn(brand(tx, inner)));
}

function brand(ctx: ServiceContext, tx: Tx): TxContext {
  // The one place the brand is applied: `tx` really is a transaction here.
  return { ...ctx, db: tx } as TxContext;
}

function isTransaction(db: DbOrTx): db is Tx {
  return "rollback" in db;
}
