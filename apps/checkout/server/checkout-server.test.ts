import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckoutServer, contentSecurityPolicy, startCheckoutServer } from "./checkout-server.js";
import { parseCheckoutEnv } from "./env.js";

// Needs dist/ and the SDK build: the package's test script builds both first.
describe("checkout server", () => {
  let server: CheckoutServer;
  beforeAll(async () => {
    server = await startCheckoutServer({ port: 0, host: "127.0.0.1", apiUrl: "http://127.0.0.1:9999/", testMode: true });
  });
  afterAll(() => server.close());

  it("serves the page with the API URL written in and the CSP of SPEC §11", async () => {
    const response = await fetch(`${server.url}/?order_id=order_x&key=k`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'self'; connect-src http://127.0.0.1:9999; frame-ancestors *; base-uri 'none'; form-action 'none'; object-src 'none'",
    );
    const html = await response.text();
    expect(html).toContain('<meta name="paygate-api-url" content="http://127.0.0.1:9999/"');
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
  });

  it("serves the hosted link page at /l/:id, never framed", async () => {
    const response = await fetch(`${server.url}/l/plink_abcdefgh12345678`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'self'; connect-src http://127.0.0.1:9999; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'",
    );
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(await response.text()).toContain('<meta name="paygate-api-url" content="http://127.0.0.1:9999/"');
  });

  it("serves sdk.js for merchant pages on other origins", async () => {
    const response = await fetch(`${server.url}/sdk.js`);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toContain("window.PaymentGateway=");
  });

  it("serves fingerprinted assets as immutable", async () => {
    const html = await (await fetch(server.url)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const response = await fetch(`${server.url}${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it("sends hono/secure-headers' defaults, minus what stops merchants framing the page", async () => {
    const response = await fetch(server.url);
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(response.headers.get("x-frame-options")).toBeNull();
    const sdk = await fetch(`${server.url}/sdk.js`);
    expect(sdk.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  // Path traversal with raw request lines is tested in @paygate/web-server; here, that this
  // server's own files stay out of reach through fetch's URLs.
  it.each([
    "/../package.json",
    "/assets/../../server.ts",
    "/%2e%2e/package.json",
    "/..%2fpackage.json",
    "/nope.js",
    "/%E0%A4%A",
  ])("refuses %s", async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("answers 405 to anything but GET and HEAD", async () => {
    const response = await fetch(server.url, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("checkout configuration", () => {
  it("lets only the allow-list frame the page outside test mode", () => {
    const allowListed = contentSecurityPolicy({
      apiUrl: "https://api.example.com",
      frameAncestors: ["https://shop.example.com"],
    });
    expect(allowListed.frameAncestors).toEqual(["https://shop.example.com"]);
    expect(contentSecurityPolicy({ apiUrl: "https://api.example.com" }).frameAncestors).toEqual(["'none'"]);
    expect(contentSecurityPolicy({ apiUrl: "https://api.example.com/v1/", testMode: true })).toMatchObject({
      frameAncestors: ["*"],
      connectSrc: ["https://api.example.com"],
    });
  });

  it("parses the environment", () => {
    expect(parseCheckoutEnv({ PORT: "4001", API_URL: "https://api.example.com", TEST_MODE: "true" })).toMatchObject({
      port: 4001,
      apiUrl: "https://api.example.com",
      testMode: true,
      frameAncestors: [],
    });
    expect(parseCheckoutEnv({ FRAME_ANCESTORS: "https://a.example, https://b.example" }).frameAncestors).toEqual([
      "https://a.example",
      "https://b.example",
    ]);
    expect(() => parseCheckoutEnv({ FRAME_ANCESTORS: "*.example.com" })).toThrow(/FRAME_ANCESTORS/);
    expect(() => parseCheckoutEnv({ PORT: "http" })).toThrow(/PORT/);
    // As compose files write it: an empty variable is unset, so `PORT=` is the default, not port 0.
    expect(parseCheckoutEnv({ PORT: "", TEST_MODE: "" })).toMatchObject({ port: 3001, testMode: false });
  });
});
