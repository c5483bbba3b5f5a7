import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { type StaticAppServer, startStaticAppServer } from "@paygate/web-server";
import type { CheckoutServerOptions } from "./env.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

export type CheckoutServer = StaticAppServer;

/** SPEC §11's policy: scripts, styles and images from us alone; fetch only to the API. */
export function contentSecurityPolicy({ apiUrl, testMode, frameAncestors = [] }: CheckoutServerOptions): string {
  const ancestors = testMode ? "*" : frameAncestors.length > 0 ? frameAncestors.join(" ") : "'none'";
  return [
    "default-src 'self'",
    `connect-src ${new URL(apiUrl ?? "http://localhost:8000").origin}`,
    `frame-ancestors ${ancestors}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Serves the built checkout page (with the API URL written in), its assets, and `/sdk.js`,
 * every response with the CSP. Used by `pnpm start` (server.ts) and by end-to-end tests.
 * @example const checkout = await startCheckoutServer({ port: 0, apiUrl, testMode: true }); … await checkout.close();
 */
export async function startCheckoutServer(options: CheckoutServerOptions = {}): Promise<CheckoutServer> {
  const apiUrl = options.apiUrl ?? "http://localhost:8000";
  const sdkPath = createRequire(import.meta.url).resolve("@paygate/sdk/sdk.js");
  const sdk = await readFile(sdkPath).catch(() => {
    throw new Error(`${sdkPath} is missing: run \`pnpm --filter @paygate/checkout build\` first`);
  });
  return startStaticAppServer({
    distDir: DIST,
    buildCommand: "pnpm --filter @paygate/checkout build",
    apiUrl,
    csp: contentSecurityPolicy({ ...options, apiUrl }),
    referrerPolicy: "strict-origin-when-cross-origin",
    extraFiles: {
      // Merchant pages load it cross-origin; let them use crossorigin/SRI, and keep it fresh-ish.
      "/sdk.js": {
        body: sdk,
        type: "text/javascript; charset=utf-8",
        cache: "public, max-age=300",
        headers: { "Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin" },
      },
    },
    port: options.port ?? 3001,
    host: options.host,
  });
}
