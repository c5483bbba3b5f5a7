import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { type ContentSecurityPolicy, type SecurityHeaders, startStaticAppServer, type WebServer } from "@paygate/web-server";
import type { CheckoutServerOptions } from "./env.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const DEFAULT_API_URL = "http://localhost:8000";

export type CheckoutServer = WebServer;

/** SPEC §11's policy: scripts, styles and images from us alone; fetch only to the API. */
export function contentSecurityPolicy({ apiUrl, testMode, frameAncestors = [] }: CheckoutServerOptions): ContentSecurityPolicy {
  return {
    defaultSrc: ["'self'"],
    connectSrc: [new URL(apiUrl ?? DEFAULT_API_URL).origin],
    frameAncestors: testMode ? ["*"] : frameAncestors.length > 0 ? frameAncestors : ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    objectSrc: ["'none'"],
  };
}

/** Every response's headers: the CSP, and hono/secure-headers' defaults where they fit a framed page. */
export function securityHeaders(options: CheckoutServerOptions): SecurityHeaders {
  return {
    contentSecurityPolicy: contentSecurityPolicy(options),
    referrerPolicy: "strict-origin-when-cross-origin",
    // Merchant pages frame the checkout; CSP frame-ancestors says which ones, X-Frame-Options cannot.
    xFrameOptions: false,
  };
}

/**
 * The hosted pages (`/l/:id`, a payment link; `/i/:id`, an invoice) are top-level pages the
 * shopper opens from a link: no merchant page frames them, so nothing may (clickjacking),
 * whatever TEST_MODE says.
 */
export function hostedPageHeaders(options: CheckoutServerOptions): SecurityHeaders {
  return {
    ...securityHeaders(options),
    contentSecurityPolicy: { ...contentSecurityPolicy(options), frameAncestors: ["'none'"] },
    xFrameOptions: "DENY",
  };
}

/**
 * Serves the built checkout page (with the API URL written in) at `/` and at the hosted pages'
 * paths, its assets, and `/sdk.js`,
 * every response with the security headers. Used by `pnpm start` (server.ts) and by end-to-end tests.
 * @example const checkout = await startCheckoutServer({ port: 0, apiUrl, testMode: true }); … await checkout.close();
 */
export async function startCheckoutServer(options: CheckoutServerOptions = {}): Promise<CheckoutServer> {
  const apiUrl = options.apiUrl ?? DEFAULT_API_URL;
  return startStaticAppServer({
    distDir: DIST,
    buildCommand: "pnpm --filter @paygate/checkout build",
    apiUrl,
    headers: securityHeaders({ ...options, apiUrl }),
    pages: {
      "/l/:id": { headers: hostedPageHeaders({ ...options, apiUrl }) },
      "/i/:id": { headers: hostedPageHeaders({ ...options, apiUrl }) },
    },
    files: {
      // Merchant pages load it cross-origin; let them use crossorigin/SRI, and keep it fresh-ish.
      "/sdk.js": {
        path: createRequire(import.meta.url).resolve("@paygate/sdk/sdk.js"),
        cacheControl: "public, max-age=300",
        headers: { "Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin" },
      },
    },
    port: options.port ?? 3001,
    host: options.host,
  });
}
