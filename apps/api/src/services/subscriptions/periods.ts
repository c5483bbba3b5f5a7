import type { SubscriptionInterval } from "@paygate/contracts";

const DAY_MS = 86_400_000;

/**
 * The start of period `n` of a subscription anchored at `anchor` (period 0 starts at the anchor),
 * in UTC. Days and weeks are exact multiples of 24 h. Months and years count calendar months from
 * the anchor and clamp the day to the month's length, always from the anchor, never from the
 * previous boundary: Jan 31 → Feb 28 (29 in a leap year) → Mar 31 → Apr 30, and Feb 29 → Feb 28
 * of the next year. The time of day stays the anchor's.
 * @example periodBoundary(new Date("2025-01-31T09:00:00Z"), "month", 1, 1) // 2025-02-28T09:00:00Z
 */
export function periodBoundary(anchor: Date, interval: SubscriptionInterval, intervalCount: number, n: number): Date {
  if (interval === "day") return new Date(anchor.getTime() + n * intervalCount * DAY_MS);
  if (interval === "week") return new Date(anchor.getTime() + n * intervalCount * 7 * DAY_MS);
  const months = n * intervalCount * (interval === "year" ? 12 : 1);
  const total = anchor.getUTCFullYear() * 12 + anchor.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(anchor.getUTCDate(), daysInMonth);
  const timeOfDay = anchor.getTime() - Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate());
  return new Date(Date.UTC(year, month, day) + timeOfDay);
}
