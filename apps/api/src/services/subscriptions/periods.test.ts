import { describe, expect, it } from "vitest";
import { periodBoundary } from "./periods.js";

const at = (iso: string) => new Date(iso);
const boundaries = (anchor: string, interval: "day" | "week" | "month" | "year", count: number, n: number) =>
  Array.from({ length: n }, (_, k) => periodBoundary(at(anchor), interval, count, k).toISOString());

describe("periodBoundary", () => {
  it("monthly from Jan 31 clamps to the month's end and comes back to the 31st (leap and common years)", () => {
    expect(boundaries("2025-01-31T10:30:00.000Z", "month", 1, 5)).toEqual([
      "2025-01-31T10:30:00.000Z",
      "2025-02-28T10:30:00.000Z",
      "2025-03-31T10:30:00.000Z",
      "2025-04-30T10:30:00.000Z",
      "2025-05-31T10:30:00.000Z",
    ]);
    expect(periodBoundary(at("2024-01-31T00:00:00Z"), "month", 1, 1).toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });

  it("crosses years, and counts several months per period", () => {
    expect(periodBoundary(at("2025-11-30T00:00:00Z"), "month", 1, 3).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(boundaries("2025-08-31T00:00:00Z", "month", 3, 3)).toEqual([
      "2025-08-31T00:00:00.000Z",
      "2025-11-30T00:00:00.000Z",
      "2026-02-28T00:00:00.000Z",
    ]);
    expect(periodBoundary(at("2025-01-15T00:00:00Z"), "month", 1, 12).toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("yearly from Feb 29 falls on Feb 28 and returns to Feb 29 in the next leap year", () => {
    expect(boundaries("2024-02-29T12:00:00Z", "year", 1, 5)).toEqual([
      "2024-02-29T12:00:00.000Z",
      "2025-02-28T12:00:00.000Z",
      "2026-02-28T12:00:00.000Z",
      "2027-02-28T12:00:00.000Z",
      "2028-02-29T12:00:00.000Z",
    ]);
  });

  it("days and weeks are exact multiples of 24 hours in UTC", () => {
    expect(boundaries("2025-03-29T23:00:00Z", "day", 1, 3)).toEqual([
      "2025-03-29T23:00:00.000Z",
      "2025-03-30T23:00:00.000Z",
      "2025-03-31T23:00:00.000Z",
    ]);
    expect(periodBoundary(at("2025-12-29T05:00:00Z"), "week", 2, 2).toISOString()).toBe("2026-01-26T05:00:00.000Z");
  });

  it("is anchored: period n does not drift however many came before", () => {
    const anchor = at("2023-05-31T08:00:00Z");
    for (let n = 0; n < 60; n++) {
      const boundary = periodBoundary(anchor, "month", 1, n);
      const lastDay = new Date(Date.UTC(boundary.getUTCFullYear(), boundary.getUTCMonth() + 1, 0)).getUTCDate();
      expect(boundary.getUTCDate()).toBe(Math.min(31, lastDay));
      expect(boundary.getUTCHours()).toBe(8);
    }
  });
});
