import { parseCheckoutEnv, startCheckoutServer } from "./server/index.js";

// `pnpm start`: the checkout page and sdk.js on PORT (default 3001).
const config = parseCheckoutEnv(process.env);
if (!config.testMode && config.frameAncestors.length === 0) {
  console.warn("checkout: neither TEST_MODE nor FRAME_ANCESTORS is set, so no merchant page can frame the checkout");
}
const server = await startCheckoutServer(config);
console.log(`checkout: ${server.url} (API ${config.apiUrl}${config.testMode ? ", test mode" : ""})`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
