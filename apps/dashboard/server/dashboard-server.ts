import { fileURLToPath } from "node:url";
import { type StaticAppServer, startStaticAppServer } from "@paygate/web-server";
import type { DashboardServerOptions } from "./env.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

export type DashboardServer = StaticAppServer;

/** Our own scripts and styles only; fetch only to the API; never framed (clickjacking). */
export function contentSecurityPolicy(apiUrl: string): string {
  return [
    "default-src 'self'",
    `connect-src ${new URL(apiUrl).origin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Serves the built dashboard (with the API URL written in) and its assets, every response with
 * the CSP. Used by `pnpm start` (server.ts) and by the end-to-end test.
 * @example const dashboard = await startDashboardServer({ port: 0, host: "127.0.0.1", apiUrl }); … await dashboard.close();
 */
export async function startDashboardServer(options: DashboardServerOptions = {}): Promise<DashboardServer> {
  const apiUrl = options.apiUrl ?? "http://localhost:8000";
  return startStaticAppServer({
    distDir: DIST,
    buildCommand: "pnpm --filter @paygate/dashboard build",
    apiUrl,
    csp: contentSecurityPolicy(apiUrl),
    referrerPolicy: "no-referrer",
    port: options.port ?? 3000,
    host: options.host,
  });
}
