import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type ExtractTablesWithRelations, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
// biome-ignore lint/suspicious/noExplicitAny: both drivers' result kinds
export type Db = PgDatabase<PgQueryResultHKT & any, Schema>;
// biome-ignore lint/suspicious/noExplicitAny: both drivers' result kinds
export type Tx = PgTransaction<PgQueryResultHKT & any, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Calls `onNotify` with the payload whenever a transaction NOTIFYs `channel`. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));
const MIGRATION_LOCK = 7_261_001;

/**
 * Opens the database: Postgres through postgres.js when `url` is set, otherwise an embedded
 * PGlite (in memory, or persisted in `dataDir`). Migrations are applied before it is returned.
 */
export async function openDatabase(options: { url?: string; dataDir?: string; poolSize?: number }): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 20);
  return openPglite(options.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // One connection holds an advisory lock so several processes starting together migrate once.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(migrator), { migrationsFolder });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await migrator.end();
  }
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const db = drizzlePostgres(preparedByDefault(client), { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async listen(channel, onNotify) {
      const { unlisten } = await client.listen(channel, (payload) => onNotify(payload));
      return unlisten;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * Drizzle runs every query through `sql.unsafe(…, { prepare: false })`; postgres.js then spends
 * an extra round trip describing each parameterised statement. Preparing them (postgres.js caches
 * them per connection by text and types) halves the round trips of the hot path. Transaction and
 * savepoint clients are wrapped the same way.
 */
function preparedByDefault<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "unsafe") {
        return (query: string, args?: unknown[], options?: Record<string, unknown>) =>
          value.call(target, query, args ?? [], { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) =>
          value.apply(
            target,
            args.map((arg) => (typeof arg === "function" ? (inner: object) => arg(preparedByDefault(inner)) : arg)),
          );
      }
      return value.bind(target);
    },
  });
}

async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  return {
    db,
    kind: "pglite",
    async listen(channel, onNotify) {
      const unlisten = await client.listen(channel, (payload) => onNotify(payload));
      return unlisten;
    },
    async close() {
      await client.close();
    },
  };
}

/** Wakes listeners on `channel` (with `payload`) when the surrounding transaction commits. */
export async function notifyOnCommit(tx: DbOrTx, channel: string, payload = ""): Promise<void> {
  await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
}
