import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckoutServerOptions } from "./env.js";
import { renderIndex } from "./html.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".html": "text/html; charset=utf-8",
};

export interface CheckoutServer {
  /** e.g. http://127.0.0.1:41234 (http://localhost:PORT when no host was given). */
  url: string;
  port: number;
  close(): Promise<void>;
}

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

async function loadFiles() {
  const read = (path: string) =>
    readFile(path).catch(() => {
      throw new Error(`${path} is missing: run \`pnpm --filter @paygate/checkout build\` first`);
    });
  const sdkPath = createRequire(import.meta.url).resolve("@paygate/sdk/sdk.js");
  return { index: (await read(`${DIST}index.html`)).toString("utf8"), sdk: await read(sdkPath), read };
}

/**
 * Serves the built checkout page (with the API URL written in), its assets, and `/sdk.js`,
 * every response with the CSP. Used by `pnpm start` (server.ts) and by end-to-end tests.
 * @example const checkout = await startCheckoutServer({ port: 0, apiUrl, testMode: true }); … await checkout.close();
 */
export async function startCheckoutServer(options: CheckoutServerOptions = {}): Promise<CheckoutServer> {
  const { apiUrl = "http://localhost:8000", host } = options;
  const files = await loadFiles();
  const index = renderIndex(files.index, apiUrl);
  const csp = contentSecurityPolicy({ ...options, apiUrl });

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, cache = "no-store") => {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": cache, "Content-Length": Buffer.byteLength(body) });
    res.end(res.req.method === "HEAD" ? undefined : body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return send(res, 405, "text/plain", "Method not allowed");
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      return send(res, 400, "text/plain", "Bad request");
    }
    if (path === "/" || path === "/index.html") return send(res, 200, TYPES[".html"] as string, index);
    if (path === "/sdk.js") {
      // Merchant pages load it cross-origin; let them use crossorigin/SRI, and keep it fresh-ish.
      res.setHeader("Access-Control-Allow-Origin", "*");
      res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
      return send(res, 200, TYPES[".js"] as string, files.sdk, "public, max-age=300");
    }
    const file = resolve(DIST, `.${path}`);
    const type = TYPES[extname(file)];
    if (!file.startsWith(DIST.endsWith(sep) ? DIST : DIST + sep) || !type || file.endsWith(".html")) {
      return send(res, 404, "text/plain", "Not found");
    }
    try {
      // Vite fingerprints /assets/*, so they never change under the same name.
      const cache = path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=300";
      return send(res, 200, type, await files.read(file), cache);
    } catch {
      return send(res, 404, "text/plain", "Not found");
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, "text/plain", "Internal error"));
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 3001, host, done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host && host !== "0.0.0.0" && host !== "::" ? host : "localhost"}:${port}`,
    port,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
