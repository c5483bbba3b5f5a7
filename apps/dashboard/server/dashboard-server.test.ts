import { EnvError } from "@paygate/contracts/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DashboardServer, parseDashboardEnv, startDashboardServer } from "./index.js";

// Needs dist/ (the `test` script builds first).
describe("dashboard server", () => {
  let server: DashboardServer;
  beforeAll(async () => {
    server = await startDashboardServer({ port: 0, host: "127.0.0.1", apiUrl: "http://api.example:8123" });
  });
  afterAll(() => server.close());

  it("serves the page with the API URL written in and the CSP", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src http://api.example:8123");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    expect(html).toContain('content="http://api.example:8123"');
    expect(html).not.toContain("__PAYGATE_API_URL__");
  });

  it("serves built assets and refuses paths outside dist/", async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${server.url}/..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/%2e%2e/server.ts`)).status).toBe(404);
    expect((await fetch(`${server.url}/`, { method: "POST" })).status).toBe(405);
  });
});

describe("dashboard environment", () => {
  it("parses PORT and API_URL (trailing slash dropped); an empty variable takes its default", () => {
    expect(parseDashboardEnv({ PORT: "4000", API_URL: "https://api.example.com/" })).toEqual({
      port: 4000,
      host: undefined,
      apiUrl: "https://api.example.com",
    });
    // As compose files write it: `PORT=` means unset, not port 0.
    expect(parseDashboardEnv({ PORT: "", HOST: "" })).toEqual({ port: 3000, host: undefined, apiUrl: "http://localhost:8000" });
  });

  it("names every bad variable", () => {
    expect(() => parseDashboardEnv({ PORT: "http", API_URL: "not a url" })).toThrow(EnvError);
    expect(() => parseDashboardEnv({ PORT: "http", API_URL: "not a url" })).toThrow(/PORT[\s\S]*API_URL/);
  });
});
