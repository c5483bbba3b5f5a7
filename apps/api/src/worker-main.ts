import { loadEnv } from "./env.js";
import { createRuntime } from "./runtime.js";

/** Workers alone, for running any number of them beside the API processes on one Postgres. */
const config = loadEnv();
if (!config.databaseUrl) {
  console.error("The worker process needs DATABASE_URL: PGlite cannot be shared between processes.");
  process.exit(1);
}
const runtime = await createRuntime(config, { startWorkers: true });
runtime.ctx.logger.info("worker started", { worker_id: runtime.workers.id, concurrency: config.workerConcurrency });

async function shutdown() {
  await runtime.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
