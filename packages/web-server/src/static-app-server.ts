import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, resolve, sep } from "node:path";
import { renderIndex } from "./html.js";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".html": "text/html; charset=utf-8",
};

export interface ExtraFile {
  body: Buffer | string;
  type: string;
  cache: string;
  headers?: Record<string, string>;
}

export interface StaticAppOptions {
  /** The Vite build output (with index.html). */
  distDir: string;
  /** Shown when dist/index.html is missing, e.g. "pnpm --filter @paygate/checkout build". */
  buildCommand: string;
  apiUrl: string;
  csp: string;
  referrerPolicy: string;
  /** Files served beside the build, by exact path (the checkout's `/sdk.js`). */
  extraFiles?: Record<string, ExtraFile>;
  port: number;
  host?: string;
}

export interface StaticAppServer {
  /** e.g. http://127.0.0.1:41234 (http://localhost:PORT when no host was given). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves a built single-page app: index.html with the API URL written in, its assets, any extra
 * files, every response with the CSP; GET and HEAD only, nothing outside `distDir`. The checkout
 * and the dashboard each run one.
 */
export async function startStaticAppServer(options: StaticAppOptions): Promise<StaticAppServer> {
  const distDir = options.distDir.endsWith(sep) ? options.distDir : options.distDir + sep;
  const template = await readFile(`${distDir}index.html`, "utf8").catch(() => {
    throw new Error(`${distDir}index.html is missing: run \`${options.buildCommand}\` first`);
  });
  const index = renderIndex(template, options.apiUrl);
  const extraFiles = options.extraFiles ?? {};

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, cache = "no-store") => {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": cache, "Content-Length": Buffer.byteLength(body) });
    res.end(res.req.method === "HEAD" ? undefined : body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader("Content-Security-Policy", options.csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", options.referrerPolicy);
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
    const extra = extraFiles[path];
    if (extra) {
      for (const [name, value] of Object.entries(extra.headers ?? {})) res.setHeader(name, value);
      return send(res, 200, extra.type, extra.body, extra.cache);
    }
    const file = resolve(distDir, `.${path}`);
    const type = TYPES[extname(file)];
    if (!file.startsWith(distDir) || !type || file.endsWith(".html")) return send(res, 404, "text/plain", "Not found");
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
    server.listen(options.port, options.host, done);
  });
  const { port } = server.address() as AddressInfo;
  const { host } = options;
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
