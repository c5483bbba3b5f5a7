import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, startTestApi, type TestApi } from "./helpers.js";

let api: TestApi;
beforeAll(async () => {
  // The default auth limit (5 per minute per IP) and a small API limit.
  api = await startTestApi({ RATE_LIMIT_AUTH_PER_MIN: "5", RATE_LIMIT_API_PER_MIN: "3" }, { startWorkers: false });
});
afterAll(() => api?.close());

/** Windows slide over fixed-minute counters: start a burst early in one, so it cannot straddle two. */
async function startOfFreshWindow() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
}

describe("rate limits", () => {
  it("the 6th auth request in a minute from one IP is 429 with Retry-After", async () => {
    await startOfFreshWindow();
    const attempt = () =>
      api.request("/api/v1/auth/token", { method: "POST", json: { email: "x@example.com", password: "whatever-1" } });
    for (let i = 1; i <= 5; i++) {
      const response = await attempt();
      expect(response.status).toBe(401);
      expect(response.headers.get("RateLimit-Limit")).toBe("5");
      expect(response.headers.get("RateLimit-Remaining")).toBe(String(5 - i));
    }
    const limited = await attempt();
    const retryAfter = Number(limited.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // Sliding window (issue 11): this minute's hits decay over the next one, so up to two minutes.
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(limited.headers.get("RateLimit-Remaining")).toBe("0");
    expect(Number(limited.headers.get("RateLimit-Reset"))).toBe(retryAfter);
    await expectError(limited, 429, "rate_limited");
  });

  it("limits merchant endpoints per merchant, kept in the database", async () => {
    const auth = { key: "key_test_abc123", secret: "secret_test_xyz789" };
    await startOfFreshWindow();
    for (let i = 0; i < 3; i++) expect((await api.request("/api/v1/orders", { auth })).status).toBe(200);
    await expectError(await api.request("/api/v1/orders", { auth }), 429, "rate_limited");
    const rows = await api.runtime.database.db.query.rateLimits.findMany();
    expect(rows.some((row) => row.bucket.startsWith("api:mer_testmerchant0001:") && row.count === 4)).toBe(true);
  });
});
