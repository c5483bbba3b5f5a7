import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./delivery.js";

describe("retryDelayMs", () => {
  const live = { webhookRetryTestIntervals: false };
  const test = { webhookRetryTestIntervals: true };

  it.each([
    [1, 60_000, 5000],
    [2, 300_000, 10_000],
    [3, 1_800_000, 15_000],
    [4, 7_200_000, 20_000],
  ])("waits after attempt %i: %i ms (test schedule %i ms), ±5 %% jitter", (attempt, base, testBase) => {
    expect(retryDelayMs(live, attempt, () => 0.5)).toBe(base);
    expect(retryDelayMs(live, attempt, () => 0)).toBe(base * 0.95);
    expect(retryDelayMs(live, attempt, () => 1)).toBe(base * 1.05);
    expect(retryDelayMs(test, attempt, () => 0.5)).toBe(testBase);
  });

  it("jitters: two retries of one outage rarely land on the same millisecond", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(live, 1)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(Math.abs(delay - 60_000)).toBeLessThanOrEqual(3000);
  });
});
