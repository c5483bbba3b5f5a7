export { parseEnv, type Config } from "./env.js";
export { createRuntime, type Runtime } from "./runtime.js";
export { openDatabase } from "./db/client.js";
export { startApiServer, type ApiServer } from "./server.js";
