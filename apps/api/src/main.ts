import { loadEnv } from "./env.js";
import { startApiServer } from "./server.js";

const config = loadEnv();
const api = await startApiServer(config);
api.runtime.ctx.logger.info("api listening", {
  url: `http://localhost:${api.port}`,
  database: api.runtime.database.kind,
  workers: api.runtime.workers.status(),
  test_mode: config.testMode,
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await api.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
