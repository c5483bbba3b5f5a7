import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { type ListenOptions, listen, type WebServer } from "./listen.js";
import { renderIndex } from "./render-index.js";

/** hono/secure-headers' options: the CSP and the other headers, as data. */
export type SecurityHeaders = NonNullable<Parameters<typeof secureHeaders>[0]>;
export type ContentSecurityPolicy = NonNullable<SecurityHeaders["contentSecurityPolicy"]>;

/** A file served beside the build at a fixed path (the checkout's `/sdk.js`). */
export interface ExtraFile {
  /** Where it is on disk. */
  path: string;
  cacheControl: string;
  /** Win over the app's security headers for this file (e.g. a cross-origin CORP). */
  headers?: Record<string, string>;
}

/** A client-side route served with the app's index.html (the app routes by `location.pathname`). */
export interface AppPage {
  /** Used instead of the app's security headers where given (a top-level page is never framed). */
  headers?: SecurityHeaders;
}

export interface StaticAppOptions {
  /** Vite's build output, with index.html and assets/. */
  distDir: string;
  /** Named in the error when the build is missing, e.g. "pnpm --filter @paygate/checkout build". */
  buildCommand: string;
  /** Written into index.html (see renderIndex). */
  apiUrl: string;
  /** Sent with every response, errors included. */
  headers: SecurityHeaders;
  /** Extra files by URL path. */
  files?: Record<string, ExtraFile>;
  /** Client-side routes by Hono path pattern, e.g. `{ "/l/:id": { headers } }`. */
  pages?: Record<string, AppPage>;
}

// Vite fingerprints /assets/*, so they never change under the same name.
const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "public, max-age=300";

async function requireBuilt(path: string, buildCommand: string): Promise<void> {
  await access(path).catch(() => {
    throw new Error(`${path} is missing: run \`${buildCommand}\` first`);
  });
}

/**
 * A Hono app serving a built single-page app: index.html with the API URL written in, the files
 * under `distDir` (never a path outside it: @hono/node-server's serveStatic refuses `..`, encoded
 * separators and backslashes), any extra files; GET and HEAD only; every response with the
 * security headers. Put it behind a port with `listen(app.fetch, …)`.
 * @example const app = await createStaticApp({ distDir, buildCommand: "pnpm build", apiUrl, headers: { contentSecurityPolicy: { defaultSrc: ["'self'"] } } });
 */
export async function createStaticApp(options: StaticAppOptions): Promise<Hono> {
  const { distDir, buildCommand, files = {}, pages = {} } = options;
  const indexPath = join(distDir, "index.html");
  await requireBuilt(indexPath, buildCommand);
  for (const file of Object.values(files)) await requireBuilt(file.path, buildCommand);
  const index = renderIndex(await readFile(indexPath, "utf8"), options.apiUrl);

  const app = new Hono();
  // overwrite: false lets a file's own headers (ExtraFile.headers) win over the defaults.
  app.use(secureHeaders({ ...options.headers, overwrite: false }));
  app.use(async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return c.text("Method not allowed", 405, { Allow: "GET, HEAD", "Cache-Control": "no-store" });
  });

  // The API URL may change from one start to the next, so the page itself is never cached.
  const serveIndex = (c: Context) => c.html(index, 200, { "Cache-Control": "no-store" });
  app.get("/", serveIndex);
  app.get("/index.html", serveIndex);
  for (const [route, page] of Object.entries(pages)) {
    // Set first (inner), the page's headers are kept by the app-wide middleware (overwrite: false).
    if (page.headers) app.get(route, secureHeaders({ ...page.headers, overwrite: false }), serveIndex);
    else app.get(route, serveIndex);
  }
  for (const [route, file] of Object.entries(files)) {
    app.get(
      route,
      serveStatic({
        path: file.path,
        onFound: (_path, c) => {
          c.header("Cache-Control", file.cacheControl);
          for (const [name, value] of Object.entries(file.headers ?? {})) c.header(name, value);
        },
      }),
    );
  }
  // Other .html files are not pages of the app (and a template would still hold the placeholder).
  app.get("*", async (c, next) => (c.req.path.endsWith(".html") ? c.notFound() : next()));
  app.get(
    "*",
    serveStatic({
      root: distDir,
      onFound: (_path, c) => {
        c.header("Cache-Control", c.req.path.startsWith("/assets/") ? IMMUTABLE : SHORT);
      },
    }),
  );
  app.notFound((c) => c.text("Not found", 404, { "Cache-Control": "no-store" }));
  return app;
}

/**
 * createStaticApp behind a port: what each app's server is.
 * @example const server = await startStaticAppServer({ ...appOptions, port: 0, host: "127.0.0.1" }); … await server.close();
 */
export async function startStaticAppServer(options: StaticAppOptions & ListenOptions): Promise<WebServer> {
  const app = await createStaticApp(options);
  return listen(app.fetch, options);
}
