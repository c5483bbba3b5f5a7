import { parseDashboardEnv, startDashboardServer } from "./server/index.js";

// `pnpm start`: the dashboard on PORT (default 3000), calling API_URL.
const config = parseDashboardEnv(process.env);
const server = await startDashboardServer(config);
console.log(`dashboard: ${server.url} (API ${config.apiUrl})`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
