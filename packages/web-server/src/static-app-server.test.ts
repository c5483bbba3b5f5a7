import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_URL_PLACEHOLDER } from "./html.js";
import { type StaticAppServer, startStaticAppServer } from "./static-app-server.js";

const root = mkdtempSync(join(tmpdir(), "web-server-"));
const dist = join(root, "dist");
let server: StaticAppServer;

beforeAll(async () => {
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "index.html"), `<meta name="api" content="${API_URL_PLACEHOLDER}">`);
  writeFileSync(join(dist, "assets", "app-123.js"), "console.log(1)");
  writeFileSync(join(root, "secret.js"), "nope");
  server = await startStaticAppServer({
    distDir: dist,
    buildCommand: "build it",
    apiUrl: 'http://api.test:8000/"><script>',
    csp: "default-src 'self'",
    referrerPolicy: "no-referrer",
    extraFiles: { "/sdk.js": { body: "sdk()", type: "text/javascript", cache: "public, max-age=300", headers: { "X-Extra": "1" } } },
    port: 0,
    host: "127.0.0.1",
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("startStaticAppServer", () => {
  it("serves index.html with the API URL escaped in, and the CSP on every response", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'self'");
    expect(await response.text()).toBe('<meta name="api" content="http://api.test:8000/&quot;&gt;&lt;script&gt;">');
  });

  it("serves fingerprinted assets as immutable and extra files with their headers", async () => {
    const asset = await fetch(`${server.url}/assets/app-123.js`);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const sdk = await fetch(`${server.url}/sdk.js`);
    expect(await sdk.text()).toBe("sdk()");
    expect(sdk.headers.get("x-extra")).toBe("1");
  });

  it("refuses paths outside dist, unknown types and other methods", async () => {
    expect((await fetch(`${server.url}/../secret.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/%2e%2e/secret.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
    const post = await fetch(`${server.url}/`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("says how to build when dist is missing", async () => {
    await expect(
      startStaticAppServer({ distDir: join(root, "nothing"), buildCommand: "build it", apiUrl: "http://a", csp: "", referrerPolicy: "no-referrer", port: 0 }),
    ).rejects.toThrow(/run `build it` first/);
  });
});
