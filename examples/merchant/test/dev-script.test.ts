import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@paygate/api/testing";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_KEY, TEST_SECRET } from "./support/api.js";

/** `pnpm dev` (scripts/dev.mjs) on spare ports: everything comes up wired together, Ctrl-C stops it all. */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "paygate-dev-"));

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("scripts/dev.mjs", () => {
  it("starts the API and the shop wired together, prints the URLs and stops everything on SIGINT", async () => {
    const ports = { api: await freePort(), checkout: await freePort(), dashboard: await freePort(), merchant: await freePort() };
    const child = spawn(process.execPath, ["scripts/dev.mjs"], {
      cwd: root,
      env: {
        ...process.env,
        API_PORT: String(ports.api),
        CHECKOUT_PORT: String(ports.checkout),
        DASHBOARD_PORT: String(ports.dashboard),
        MERCHANT_PORT: String(ports.merchant),
        PAYGATE_DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 150_000;
      while (!output.includes("PayGate is up") && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(output, output).toContain("PayGate is up");
      expect(output).toContain(`http://localhost:${ports.merchant}`);
      expect(output).toMatch(/\[api\] +\{/);
      expect(output).toMatch(/\[merchant\] +example shop on/);
      // The shop's dev admin is printed, and it can log in.
      expect(output).toContain("shop admin admin@chai.test / chai-admin-dev");
      const login = await fetch(`http://localhost:${ports.merchant}/api/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: `http://localhost:${ports.merchant}` },
        body: JSON.stringify({ email: "admin@chai.test", password: "chai-admin-dev" }),
      });
      expect(login.status).toBe(200);
      expect((await login.json()).user.role).toBe("admin");

      expect(await answers(`http://127.0.0.1:${ports.merchant}/health`)).toBe(true);
      // The shop page loads sdk.js from the checkout that dev.mjs started on its port.
      expect(output).toMatch(/\[checkout\]/);
      expect(await answers(`http://localhost:${ports.checkout}/sdk.js`)).toBe(true);
      expect(await (await fetch(`http://127.0.0.1:${ports.merchant}/`)).text()).toContain(
        `http://localhost:${ports.checkout}/sdk.js`,
      );
      // Both front ends run Vite with their vite.config.ts, which writes the API URL into the page.
      for (const app of ["checkout", "dashboard"] as const) {
        const page = await (await fetch(`http://localhost:${ports[app]}/`)).text();
        expect(page, app).toContain(`<meta name="paygate-api-url" content="http://localhost:${ports.api}"`);
      }
      const merchant = await fetch(`http://127.0.0.1:${ports.api}/api/v1/merchant`, {
        headers: { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET },
      });
      expect((await merchant.json()).data.webhook_url).toBe(`http://localhost:${ports.merchant}/webhooks/paygate`);
    } finally {
      child.kill("SIGINT");
      const timeout = setTimeout(() => child.kill("SIGKILL"), 20_000);
      expect(await exited).toBe(0);
      clearTimeout(timeout);
    }
    expect(await answers(`http://127.0.0.1:${ports.api}/health`)).toBe(false);
    expect(await answers(`http://127.0.0.1:${ports.merchant}/health`)).toBe(false);
  }, 200_000);
});
