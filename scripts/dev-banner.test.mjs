import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, startApiServer } from "../apps/api/src/index.ts";
import { curlExample, formatBanner, readTestMerchant } from "./dev-banner.mjs";

const merchant = {
  email: "test@merchant.local",
  api_key: "key_test_abc123",
  api_secret: "secret_test_xyz789",
  webhook_secret: "whsec_c2VjcmV0",
};
const input = {
  services: [
    { label: "api", url: "http://localhost:8000" },
    { label: "checkout", url: "http://localhost:3001", note: "  (not answering yet)" },
  ],
  apiUrl: "http://localhost:8000",
  dataDir: "/repo/.data",
  shopAdmin: { email: "admin@chai.test", password: "chai-admin-dev", url: "http://localhost:4000" },
  merchant,
};

describe("the pnpm dev banner", () => {
  it("shows the test merchant's key, secret and webhook secret, and how to authenticate", () => {
    const text = formatBanner(input).join("\n");
    expect(text).toContain("api key        key_test_abc123");
    expect(text).toContain("api secret     secret_test_xyz789");
    expect(text).toContain("webhook secret whsec_c2VjcmV0");
    expect(text).toContain("X-Api-Key + X-Api-Secret headers or HTTP Basic");
    expect(text).toContain(
      `curl -u 'key_test_abc123:secret_test_xyz789' -H 'Content-Type: application/json' -d '{"amount":50000,"currency":"INR"}' http://localhost:8000/api/v1/orders`,
    );
    expect(text).toContain("-H 'X-Api-Key: key_test_abc123' -H 'X-Api-Secret: secret_test_xyz789'");
  });

  it("lists the services with their notes, the data folder and the shop admin", () => {
    const lines = formatBanner(input);
    expect(lines).toContain("  api        http://localhost:8000  (reference: /docs)");
    expect(lines).toContain("  checkout   http://localhost:3001  (not answering yet)");
    expect(lines).toContain("  data       /repo/.data");
    expect(lines.join("\n")).toContain("shop admin admin@chai.test / chai-admin-dev  (http://localhost:4000/admin");
  });

  it("says why when the credentials could not be read, and prints no curl line", () => {
    const text = formatBanner({ ...input, merchant: { error: "GET /api/v1/test/merchant answered 404" } }).join("\n");
    expect(text).toContain("Test merchant: credentials unavailable (GET /api/v1/test/merchant answered 404)");
    expect(text).not.toContain("curl");
  });

  it("quotes values for the shell", () => {
    expect(curlExample("http://x", { api_key: "k'1", api_secret: "s" })).toContain(`-u 'k'\\''1:s'`);
  });
});

// The banner's values come from the running API, and its command works as pasted.
describe("against a real API", () => {
  /** @type {import("../apps/api/src/index.ts").ApiServer} */
  let api;
  beforeAll(async () => {
    api = await startApiServer(parseEnv({ TEST_MODE: "true", LOG_LEVEL: "silent", TEST_PROCESSING_DELAY: "0", WORKERS: "off" }), {
      hostname: "127.0.0.1",
      port: 0,
    });
  }, 120_000);
  afterAll(() => api?.close());

  it("readTestMerchant reads GET /test/merchant", async () => {
    const read = await readTestMerchant(api.url);
    expect(read).toMatchObject({ email: "test@merchant.local", api_key: "key_test_abc123", api_secret: "secret_test_xyz789" });
    expect(read.webhook_secret).toMatch(/^whsec_/);
  });

  it("readTestMerchant names the failure when nothing answers", async () => {
    const read = await readTestMerchant("http://127.0.0.1:9");
    expect(read.error).toMatch(/^GET \/api\/v1\/test\/merchant failed/);
  });

  const hasCurl = existsSync("/usr/bin/curl") || existsSync("/usr/local/bin/curl");
  it.skipIf(!hasCurl)("the printed curl commands create an order, with Basic and with the headers", async () => {
    const lines = formatBanner({ ...input, apiUrl: api.url, merchant: await readTestMerchant(api.url) });
    const basic = lines.find((line) => line.trim().startsWith("curl "))?.trim();
    const alternative = lines.find((line) => line.includes("instead of -u"));
    expect(basic).toBeDefined();
    expect(alternative).toBeDefined();
    const headers = /\(or (.*) instead of -u\)/.exec(alternative ?? "")?.[1];
    const withHeaders = basic?.replace(/-u '[^']*'/, headers ?? "");
    for (const command of [basic, withHeaders]) {
      const { stdout } = await promisify(execFile)("sh", ["-c", `${command} -s -w '\\n%{http_code}'`]);
      const [body, status] = stdout.trim().split("\n");
      expect(status, stdout).toBe("201");
      expect(JSON.parse(body ?? "")).toMatchObject({ success: true, data: { amount: 50000, currency: "INR" } });
    }
  });
});
