export { contentSecurityPolicy, type DashboardServer, startDashboardServer } from "./dashboard-server.js";
export { type DashboardServerOptions, parseDashboardEnv } from "./env.js";
