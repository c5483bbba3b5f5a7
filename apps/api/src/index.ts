export { openDatabase } from "./db/client.js";
export { type Config, parseEnv } from "./env.js";
export { createRuntime, type Runtime } from "./runtime.js";
export { type ApiServer, startApiServer } from "./server.js";
