import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebServer } from "./listen.js";
import { API_URL_PLACEHOLDER } from "./render-index.js";
import { startStaticAppServer } from "./static-app.js";

const SECRET = "secret-outside-dist";
const root = mkdtempSync(join(tmpdir(), "web-server-"));
const dist = join(root, "dist");
let server: WebServer;

/** A GET whose path goes on the wire exactly as written (fetch would resolve `..` first). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const outgoing = request({ host: "127.0.0.1", port: server.port, path, method: "GET" }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => done({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on("error", fail);
    outgoing.end();
  });
}

beforeAll(async () => {
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "index.html"), `<meta name="api" content="${API_URL_PLACEHOLDER}">`);
  writeFileSync(join(dist, "other.html"), `<p>${API_URL_PLACEHOLDER}</p>`);
  writeFileSync(join(dist, "assets", "app-123.js"), "console.log(1)");
  writeFileSync(join(dist, "favicon.svg"), "<svg/>");
  writeFileSync(join(root, "secret.js"), SECRET);
  // A sibling whose name starts with "dist": a prefix check on paths would let it through.
  mkdirSync(join(root, "dist-other"));
  writeFileSync(join(root, "dist-other", "secret.js"), SECRET);
  writeFileSync(join(root, "sdk.js"), "sdk()");
  server = await startStaticAppServer({
    distDir: dist,
    buildCommand: "build it",
    apiUrl: 'http://api.test:8000/"><script>',
    headers: {
      contentSecurityPolicy: { defaultSrc: ["'self'"], connectSrc: ["http://api.test:8000"] },
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
    },
    files: {
      "/sdk.js": {
        path: join(root, "sdk.js"),
        cacheControl: "public, max-age=300",
        headers: { "Cross-Origin-Resource-Policy": "cross-origin", "Access-Control-Allow-Origin": "*" },
      },
    },
    pages: {
      "/l/:id": {
        headers: {
          contentSecurityPolicy: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] },
          referrerPolicy: "same-origin",
        },
      },
      "/x/:id": {},
    },
    port: 0,
    host: "127.0.0.1",
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("startStaticAppServer", () => {
  it("serves index.html with the API URL escaped in, uncached, with the security headers", async () => {
    for (const path of ["/", "/index.html"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-security-policy")).toBe("default-src 'self'; connect-src http://api.test:8000");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await response.text()).toBe('<meta name="api" content="http://api.test:8000/&quot;&gt;&lt;script&gt;">');
    }
  });

  it("serves index.html at the client-side routes, with a page's own headers where it has them", async () => {
    const hosted = await fetch(`${server.url}/l/plink_abc123`);
    expect(hosted.status).toBe(200);
    expect(await hosted.text()).toContain('content="http://api.test:8000/&quot;');
    expect(hosted.headers.get("cache-control")).toBe("no-store");
    expect(hosted.headers.get("content-security-policy")).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(hosted.headers.get("referrer-policy")).toBe("same-origin");
    // The app-wide headers fill in what the page's do not say.
    expect(hosted.headers.get("x-content-type-options")).toBe("nosniff");
    const plain = await fetch(`${server.url}/x/abc`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-security-policy")).toBe("default-src 'self'; connect-src http://api.test:8000");
    for (const path of ["/l/", "/l/a/b", "/y/abc"]) expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
  });

  it("serves fingerprinted assets as immutable, other files briefly cached", async () => {
    const asset = await fetch(`${server.url}/assets/app-123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await asset.text()).toBe("console.log(1)");
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("serves extra files with their own headers over the defaults", async () => {
    const sdk = await fetch(`${server.url}/sdk.js`);
    expect(await sdk.text()).toBe("sdk()");
    expect(sdk.headers.get("cache-control")).toBe("public, max-age=300");
    expect(sdk.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(sdk.headers.get("access-control-allow-origin")).toBe("*");
    // The defaults still apply to everything else.
    expect((await fetch(`${server.url}/favicon.svg`)).headers.get("cross-origin-resource-policy")).toBe("same-origin");
  });

  it.each([
    "/../secret.js",
    "/assets/../../secret.js",
    "/../dist-other/secret.js",
    "/%2e%2e/secret.js",
    "/%2E%2E%2Fsecret.js",
    "/..%2fsecret.js",
    "/..%5csecret.js",
    "/..\\secret.js",
    "/assets/%2e%2e/%2e%2e/secret.js",
    "//secret.js",
    `/${root}/secret.js`,
    `/${encodeURIComponent(join(root, "secret.js"))}`,
  ])("never serves a file outside dist: %s", async (path) => {
    const response = await rawGet(path);
    // 400 where Node's HTTP parser refuses the request line itself (a backslash).
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain(SECRET);
  });

  it("answers 404, with the headers and uncached, for missing files, other HTML and bad encodings", async () => {
    for (const path of ["/missing.js", "/other.html", "/assets", "/%E0%A4%A"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'self'");
    }
  });

  it("answers HEAD like GET without a body, and 405 with Allow to anything else", async () => {
    const head = await fetch(`${server.url}/assets/app-123.js`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("14");
    expect(await head.text()).toBe("");
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
      const response = await fetch(`${server.url}/`, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow"), method).toBe("GET, HEAD");
      expect(response.headers.get("content-security-policy"), method).toContain("default-src 'self'");
    }
  });

  it("says how to build when the build or an extra file is missing", async () => {
    const base = { buildCommand: "build it", apiUrl: "http://a", headers: {}, port: 0, host: "127.0.0.1" };
    await expect(startStaticAppServer({ ...base, distDir: join(root, "nothing") })).rejects.toThrow(
      /index\.html is missing: run `build it` first/,
    );
    await expect(
      startStaticAppServer({
        ...base,
        distDir: dist,
        files: { "/x.js": { path: join(root, "x.js"), cacheControl: "no-store" } },
      }),
    ).rejects.toThrow(/x\.js is missing: run `build it` first/);
  });

  it("rejects when the port is taken", async () => {
    await expect(
      startStaticAppServer({
        distDir: dist,
        buildCommand: "b",
        apiUrl: "http://a",
        headers: {},
        port: server.port,
        host: "127.0.0.1",
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
