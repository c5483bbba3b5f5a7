import { fileURLToPath } from "node:url";
import { type ContentSecurityPolicy, type SecurityHeaders, startStaticAppServer, type WebServer } from "@paygate/web-server";
import type { DashboardServerOptions } from "./env.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

export type DashboardServer = WebServer;

/** Our own scripts and styles only; fetch only to the API; never framed (clickjacking). */
export function contentSecurityPolicy(apiUrl: string): ContentSecurityPolicy {
  return {
    defaultSrc: ["'self'"],
    connectSrc: [new URL(apiUrl).origin],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    objectSrc: ["'none'"],
  };
}

/** Every response's headers: the CSP and hono/secure-headers' defaults, never framed, no referrer. */
export function securityHeaders(apiUrl: string): SecurityHeaders {
  return { contentSecurityPolicy: contentSecurityPolicy(apiUrl), referrerPolicy: "no-referrer", xFrameOptions: "DENY" };
}

/**
 * Serves the built dashboard (with the API URL written in) and its assets, every response with
 * the security headers. Used by `pnpm start` (server.ts) and by the end-to-end test.
 * @example const dashboard = await startDashboardServer({ port: 0, host: "127.0.0.1", apiUrl }); … await dashboard.close();
 */
export async function startDashboardServer(options: DashboardServerOptions = {}): Promise<DashboardServer> {
  const apiUrl = options.apiUrl ?? "http://localhost:8000";
  return startStaticAppServer({
    distDir: DIST,
    buildCommand: "pnpm --filter @paygate/dashboard build",
    apiUrl,
    headers: securityHeaders(apiUrl),
    port: options.port ?? 3000,
    host: options.host,
  });
}
