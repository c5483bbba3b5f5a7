import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { rateLimits } from "../src/db/schema/index.js";
import { createRuntime } from "../src/index.js";
import { newId } from "../src/lib/ids.js";
import { msUntilAllowed, slidingUsage } from "../src/services/infra/rate-limits.js";
import { expectError, startTestApi, TEST_KEY, TEST_SECRET, type TestApi } from "./helpers.js";

/** The API behind a real loopback socket, so client addresses come from real connections. */
async function startHttpApi(env: Record<string, string>) {
  const api = await startTestApi(env, { startWorkers: false });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: api.runtime.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = (path: string, init: { method?: string; json?: unknown; headers?: Record<string, string>; from?: string } = {}) =>
    fetch(`${base}${path}`, {
      method: init.method ?? "GET",
      headers: {
        ...(init.json !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(init.from ? { "X-Forwarded-For": init.from } : {}),
        ...init.headers,
      },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.close();
  };
  return { api, call, close };
}

let running: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** A burst must not straddle two windows' boundary in a way that lets a hit decay mid-test. */
async function notAtTheEndOfAMinute() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
}

const rows = async (api: TestApi) => api.runtime.database.db.select().from(rateLimits);
const merchantAuth = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET };

describe("public checkout endpoints are limited per client address (finding 2)", () => {
  it("a stranger exhausting its address's budget on bogus order ids does not stop another address paying a real order", async () => {
    const server = await startHttpApi({
      TRUST_PROXY: "127.0.0.1",
      RATE_LIMIT_PUBLIC_PER_MIN: "20",
      // Before the fix public endpoints were limited by this, per publishable key.
      RATE_LIMIT_API_PER_MIN: "20",
    });
    running = server;
    await notAtTheEndOfAMinute();
    const stranger = "203.0.113.9";
    let refused = 0;
    for (let i = 0; i < 30; i++) {
      const response = await server.call(`/api/v1/checkout/orders/${newId("order")}?key=${TEST_KEY}`, { from: stranger });
      expect([404, 429]).toContain(response.status);
      if (response.status === 429) refused++;
    }
    expect(refused).toBeGreaterThanOrEqual(10);
    // Past a batched flush: the stranger's 404s left no counter against the merchant's key.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await rows(server.api)).filter((row) => row.bucket.includes(TEST_KEY))).toEqual([]);

    const shopper = "198.51.100.7";
    const created = await server.call("/api/v1/orders", { method: "POST", json: { amount: 4200 }, headers: merchantAuth });
    expect(created.status).toBe(201);
    const order = (await created.json()).data;
    const page = await server.call(`/api/v1/checkout/orders/${order.id}?key=${TEST_KEY}`, { from: shopper });
    expect(page.status).toBe(200);
    const paid = await server.call("/api/v1/payments/public", {
      method: "POST",
      from: shopper,
      headers: { "Idempotency-Key": "shopper-attempt-1" },
      json: {
        key: TEST_KEY,
        order_id: order.id,
        method: "card",
        card: { number: "4242424242424242", expiry: "12/34", cvv: "123" },
      },
    });
    expect(paid.status).toBe(201);
    // The stranger is still refused: the limit held for the address that earned it.
    await expectError(
      await server.call(`/api/v1/checkout/orders/${order.id}?key=${TEST_KEY}`, { from: stranger }),
      429,
      "rate_limited",
    );

    // The key's counter holds the shopper's requests alone; a third, past the batching interval,
    // flushes whatever was still counted in memory.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.call(`/api/v1/checkout/orders/${order.id}?key=${TEST_KEY}`, { from: shopper });
    const keyRows = (await rows(server.api)).filter((row) => row.bucket.includes(TEST_KEY));
    const counted = keyRows.reduce((sum, row) => sum + row.count, 0);
    expect(counted).toBe(3);
  });

  it("requests with unknown publishable keys create no counter row for those keys", async () => {
    const server = await startHttpApi({ TRUST_PROXY: "127.0.0.1" });
    running = server;
    for (let i = 0; i < 5; i++) {
      const key = `key_test_bogus${i}xxxxxxxx`;
      await expectError(
        await server.call(`/api/v1/checkout/orders/${newId("order")}?key=${key}`, { from: "203.0.113.10" }),
        401,
        "unauthorized",
      );
      const post = await server.call("/api/v1/payments/public", {
        method: "POST",
        from: "203.0.113.10",
        json: { key, order_id: newId("order"), method: "upi", vpa: "success@paygate" },
      });
      expect(post.status).toBe(401);
    }
    // Give a batched flush its chance, then look: only the address is counted.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const buckets = (await rows(server.api)).map((row) => row.bucket);
    expect(buckets.filter((bucket) => bucket.includes("bogus"))).toEqual([]);
    expect(buckets.some((bucket) => bucket.startsWith("pub-ip:203.0.113.10:"))).toBe(true);
  });
});

describe("client addresses and TRUST_PROXY (finding 5)", () => {
  it("by default X-Forwarded-For is not believed: spoofed addresses share the socket's budget", async () => {
    const server = await startHttpApi({ RATE_LIMIT_AUTH_PER_MIN: "3" });
    running = server;
    await notAtTheEndOfAMinute();
    for (let i = 0; i < 3; i++) {
      const response = await server.call("/api/v1/auth/token", {
        method: "POST",
        from: `198.51.100.${i + 1}`,
        json: { email: "x@example.com", password: "nope-nope-1" },
      });
      expect(response.status).toBe(401);
    }
    await expectError(
      await server.call("/api/v1/auth/token", {
        method: "POST",
        from: "198.51.100.99",
        json: { email: "x@example.com", password: "nope-nope-1" },
      }),
      429,
      "rate_limited",
    );
  });

  it("with TRUST_PROXY the proxy's X-Forwarded-For entry is the client, and what the client wrote before it is not", async () => {
    const server = await startHttpApi({ RATE_LIMIT_AUTH_PER_MIN: "2", TRUST_PROXY: "1" });
    running = server;
    await notAtTheEndOfAMinute();
    const attempt = (from: string) =>
      server.call("/api/v1/auth/token", { method: "POST", from, json: { email: "y@example.com", password: "nope-nope-1" } });
    expect((await attempt("203.0.113.1")).status).toBe(401);
    expect((await attempt("203.0.113.1")).status).toBe(401);
    await expectError(await attempt("203.0.113.1"), 429, "rate_limited");
    // A client prepending a fresh address to the header is still the address the proxy saw.
    await expectError(await attempt("10.9.9.9, 203.0.113.1"), 429, "rate_limited");
    expect((await attempt("203.0.113.2")).status).toBe(401);
  });
});

describe("login limits (finding 5)", () => {
  it("counts failed logins per account across addresses, then refuses even the right password for a while", async () => {
    const server = await startHttpApi({ TRUST_PROXY: "127.0.0.1", RATE_LIMIT_LOGIN_FAILURES: "3" });
    running = server;
    const merchant = await server.api.registerMerchant();
    const login = (password: string, from: string) =>
      server.call("/api/v1/auth/token", { method: "POST", from, json: { email: merchant.email.toUpperCase(), password } });
    for (let i = 0; i < 3; i++) await expectError(await login("wrong-password-x", `203.0.113.${20 + i}`), 401, "login_failed");
    const locked = await login(merchant.password, "198.51.100.50");
    await expectError(locked, 429, "rate_limited");
    const retryAfter = Number(locked.headers.get("Retry-After"));
    // A sliding 15 minutes: the failures decay over the next window, so the wait is at most 30 min.
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(30 * 60);
    // Another account is untouched, and a success does not count as a failure.
    const other = await server.api.registerMerchant();
    for (let i = 0; i < 4; i++) {
      const ok = await server.call("/api/v1/auth/token", {
        method: "POST",
        from: "198.51.100.51",
        json: { email: other.email, password: other.password },
      });
      expect(ok.status).toBe(200);
    }
  });

  it("refreshing is not counted in the login budget", async () => {
    const server = await startHttpApi({ RATE_LIMIT_AUTH_PER_MIN: "3" });
    running = server;
    await notAtTheEndOfAMinute();
    const email = `refresh-${Date.now()}@example.com`;
    const registered = await server.call("/api/v1/auth/register", {
      method: "POST",
      json: { email, name: "R", password: "violet-harbour-51" },
    });
    expect(registered.status).toBe(201);
    let cookie = registered.headers.get("set-cookie")?.match(/paygate_refresh=([^;]*)/)?.[1] ?? "";
    for (let i = 0; i < 2; i++) {
      expect(
        (await server.call("/api/v1/auth/token", { method: "POST", json: { email, password: "wrong-password-x" } })).status,
      ).toBe(401);
    }
    await expectError(
      await server.call("/api/v1/auth/token", { method: "POST", json: { email, password: "violet-harbour-51" } }),
      429,
      "rate_limited",
    );
    for (let i = 0; i < 5; i++) {
      const refreshed = await server.call("/api/v1/auth/refresh", {
        method: "POST",
        headers: { Cookie: `paygate_refresh=${cookie}` },
      });
      expect(refreshed.status).toBe(200);
      cookie = refreshed.headers.get("set-cookie")?.match(/paygate_refresh=([^;]*)/)?.[1] ?? "";
    }
  });
});

describe("sliding window (finding 5)", () => {
  it("weights the previous window: a burst just before a window boundary still counts after it", async () => {
    const server = await startHttpApi({ RATE_LIMIT_AUTH_PER_MIN: "5" });
    running = server;
    await notAtTheEndOfAMinute();
    // The previous minute ended with this address far over the limit.
    const previousStart = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    await server.api.runtime.database.db
      .insert(rateLimits)
      .values({ bucket: `auth:127.0.0.1:${previousStart}`, count: 500, expiresAt: new Date(previousStart + 120_000) });
    const response = await server.call("/api/v1/auth/token", {
      method: "POST",
      json: { email: "z@example.com", password: "nope-nope-1" },
    });
    // A fixed window would have started afresh at the boundary and let this through.
    await expectError(response, 429, "rate_limited");
    const retryAfter = Number(response.headers.get("Retry-After"));
    expect(response.headers.get("RateLimit-Reset")).toBe(String(retryAfter));
    expect(response.headers.get("RateLimit-Limit")).toBe("5");
    expect(response.headers.get("RateLimit-Remaining")).toBe("0");
    const elapsed = Date.now() - (previousStart + 60_000);
    // Allowed again once the previous minute's weight has decayed to 3 (4 used with this hit).
    const expected = msUntilAllowed(500, 1, elapsed, 60_000, 5) / 1000;
    expect(Math.abs(retryAfter - expected)).toBeLessThanOrEqual(2);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it("computes the two-bucket estimate and the wait it implies", () => {
    expect(slidingUsage(10, 2, 15_000, 60_000)).toBe(9.5);
    expect(slidingUsage(10, 2, 60_000, 60_000)).toBe(2);
    // 10 before, 5 now, limit 10, a quarter into the window: allowed once 10·(1−f)+5 ≤ 9, f = 0.6.
    expect(msUntilAllowed(10, 5, 15_000, 60_000, 10)).toBe(21_000);
    // Over the limit within this window alone: into the next, until 12·(1−x) ≤ 9, x = 0.25.
    expect(msUntilAllowed(0, 12, 45_000, 60_000, 10)).toBe(15_000 + 15_000);
    expect(msUntilAllowed(3, 2, 0, 60_000, 10)).toBe(0);
  });
});

describe("limits stay shared through the database", () => {
  it("two API runtimes on one database share one merchant's sliding limit", async () => {
    const first = await startTestApi({ RATE_LIMIT_API_PER_MIN: "5" }, { startWorkers: false });
    const second = await createRuntime(first.config, { startWorkers: false, database: first.runtime.database });
    running = {
      close: async () => {
        await second.close();
        await first.close();
      },
    };
    await notAtTheEndOfAMinute();
    const list = (runtime: typeof second) => runtime.app.request("/api/v1/orders", { headers: merchantAuth });
    for (let i = 0; i < 3; i++) expect((await list(first.runtime)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await list(second)).status).toBe(200);
    await expectError(await list(second), 429, "rate_limited");
    await expectError(await list(first.runtime), 429, "rate_limited");
  });
});
