import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { DashboardServerOptions } from "./env.js";
import { renderIndex } from "./html.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".html": "text/html; charset=utf-8",
};

export interface DashboardServer {
  /** e.g. http://127.0.0.1:41234 (http://localhost:PORT when no host was given). */
  url: string;
  port: number;
  close(): Promise<void>;
}

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
  const { apiUrl = "http://localhost:8000", host } = options;
  const template = await readFile(`${DIST}index.html`, "utf8").catch(() => {
    throw new Error(`${DIST}index.html is missing: run \`pnpm --filter @paygate/dashboard build\` first`);
  });
  const index = renderIndex(template, apiUrl);
  const csp = contentSecurityPolicy(apiUrl);

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, cache = "no-store") => {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": cache, "Content-Length": Buffer.byteLength(body) });
    res.end(res.req.method === "HEAD" ? undefined : body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
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
    const file = resolve(DIST, `.${path}`);
    const type = TYPES[extname(file)];
    if (!file.startsWith(DIST.endsWith(sep) ? DIST : DIST + sep) || !type || file.endsWith(".html")) {
      return send(res, 404, "text/plain", "Not found");
    }
    try {
      // Vite fingerprints /assets/*, so they never change under the same name.
      const cache = path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=300";
      return send(res, 200, type, await readFile(file), cache);
    } catch {
      return send(res, 404, "text/plain", "Not found");
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, "text/plain", "Internal error"));
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 3000, host, done);
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
