import { serve } from "@hono/node-server";
import { loadEnv } from "./env.js";
import { createRuntime } from "./runtime.js";

const config = loadEnv();
const runtime = await createRuntime(config);
const server = serve({ fetch: runtime.app.fetch, port: config.port }, (info) => {
  runtime.ctx.logger.info("api listening", {
    url: `http://localhost:${info.port}`,
    database: runtime.database.kind,
    workers: runtime.workers.status(),
    test_mode: config.testMode,
  });
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  server.close();
  await runtime.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
