import { type Database, openDatabase } from "./db/client.js";
import type { Config } from "./env.js";
import { createApp } from "./http/app.js";
import { type Clock, systemClock } from "./lib/clock.js";
import { createLogger, type Logger } from "./lib/logger.js";
import type { Processor } from "./processor/processor.js";
import { createSimulator } from "./processor/simulator.js";
import { bootstrapAdmin, seedTestMerchant } from "./services/auth/auth.js";
import type { ServiceContext } from "./services/context.js";
import { createCredentialCache } from "./services/infra/credential-cache.js";
import { openTestClock } from "./services/infra/test-clock.js";
import { jobDefinitions } from "./services/jobs/registry.js";
import { scheduleSettlement } from "./services/ledger/settlements.js";
import { encryptLegacyWebhookSecrets } from "./services/merchants/webhook-secrets.js";
import { createWorkerPool, type WorkerPool } from "./workers/pool.js";

export interface Runtime {
  config: Config;
  database: Database;
  ctx: ServiceContext;
  app: ReturnType<typeof createApp>;
  workers: WorkerPool;
  close(): Promise<void>;
}

/**
 * Wires the parts together: database (migrated), simulator, services context, HTTP app and a
 * worker pool (started unless `startWorkers` is false). Used by `main`, `worker-main` and tests.
 */
export async function createRuntime(
  config: Config,
  options: { startWorkers?: boolean; processor?: Processor; logger?: Logger; database?: Database } = {},
): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.pgliteDir }));
  const processor =
    options.processor ??
    createSimulator({
      testMode: config.testMode,
      forceSuccess: config.testPaymentSuccess,
      delayMs: config.testProcessingDelayMs,
      latencyMs: config.acquirerLatencyMs,
      successRates: config.successRates,
      vaultDb: database.db,
    });
  // TEST_MODE shares one movable clock through the database; otherwise the table is never read.
  const testClock = config.testMode ? await openTestClock(database) : undefined;
  const clock: Clock = testClock ?? systemClock;
  const ctx: ServiceContext = { db: database.db, config, logger, processor, credentials: createCredentialCache(), clock };
  await encryptLegacyWebhookSecrets(ctx);
  await seedTestMerchant(ctx);
  await bootstrapAdmin(ctx);
  await scheduleSettlement(ctx);
  const workers = createWorkerPool({
    database,
    ctx,
    jobs: jobDefinitions,
    concurrency: config.workerConcurrency,
    leaseMs: config.jobLeaseMs,
    maintenanceEveryMs: config.maintenanceIntervalMs,
  });
  const app = createApp({ ctx, workerStatus: () => workers.status() });
  if (options.startWorkers ?? config.workers === "on") await workers.start();
  return {
    config,
    database,
    ctx,
    app,
    workers,
    async close() {
      await workers.stop();
      await testClock?.close();
      if (!options.database) await database.close();
    },
  };
}
