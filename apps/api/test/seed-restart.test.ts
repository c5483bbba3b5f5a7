import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, parseEnv, type Runtime } from "../src/index.js";
import { createTestDatabaseUrl, TEST_KEY, TEST_SECRET } from "./helpers.js";

/**
 * SPEC §8: restarting the API never changes a merchant's endpoints. A real restart: the runtime
 * is closed (database included) and a new one opens the same database, a Postgres database or a
 * PGlite data directory on disk.
 */
const auth = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" };
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function sameDatabaseEnv(): Promise<Record<string, string>> {
  const postgres = await createTestDatabaseUrl();
  if (postgres) {
    cleanups.push(postgres.drop);
    return { DATABASE_URL: postgres.url };
  }
  const dir = mkdtempSync(join(tmpdir(), "paygate-restart-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { PGLITE_DIR: dir };
}

async function start(env: Record<string, string>): Promise<Runtime> {
  return createRuntime(parseEnv({ TEST_MODE: "true", LOG_LEVEL: "silent", ...env }), { startWorkers: false });
}

async function request(runtime: Runtime, method: string, path: string, json?: unknown) {
  const response = await runtime.app.request(`/api/v1${path}`, {
    method,
    headers: auth,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBeLessThan(300);
  return body.data;
}

describe("restarting the API", () => {
  it("keeps the test merchant's webhook URL and endpoints; TEST_WEBHOOK_URL applies only at creation", async () => {
    const database = await sameDatabaseEnv();
    const first = await start({ ...database, TEST_WEBHOOK_URL: "http://127.0.0.1:4000/webhooks/paygate" });
    expect((await request(first, "GET", "/merchant")).webhook_url).toBe("http://127.0.0.1:4000/webhooks/paygate");
    await request(first, "PATCH", "/merchant", { webhook_url: "http://127.0.0.1:5555/my-app" });
    const endpoint = await request(first, "POST", "/webhook_endpoints", {
      url: "http://127.0.0.1:4001/shop",
      events: ["order.paid"],
    });
    await first.close();

    const second = await start({ ...database, TEST_WEBHOOK_URL: "http://127.0.0.1:4000/webhooks/paygate" });
    expect((await request(second, "GET", "/merchant")).webhook_url).toBe("http://127.0.0.1:5555/my-app");
    const endpoints = await request(second, "GET", "/webhook_endpoints");
    expect(endpoints.items).toEqual([
      expect.objectContaining({ id: endpoint.id, url: "http://127.0.0.1:4001/shop", events: ["order.paid"], status: "enabled" }),
    ]);
    // A cleared URL stays cleared too.
    await request(second, "PATCH", "/merchant", { webhook_url: null });
    await second.close();

    const third = await start({ ...database, TEST_WEBHOOK_URL: "http://127.0.0.1:4000/webhooks/paygate" });
    expect((await request(third, "GET", "/merchant")).webhook_url).toBeNull();
    await third.close();
  });

  it("a fresh database starts with TEST_WEBHOOK_URL, or none without it", async () => {
    const withUrl = await start({ ...(await sameDatabaseEnv()), TEST_WEBHOOK_URL: "http://127.0.0.1:4100/hooks" });
    expect((await request(withUrl, "GET", "/merchant")).webhook_url).toBe("http://127.0.0.1:4100/hooks");
    await withUrl.close();
    const without = await start(await sameDatabaseEnv());
    expect((await request(without, "GET", "/merchant")).webhook_url).toBeNull();
    await without.close();
  });
});
