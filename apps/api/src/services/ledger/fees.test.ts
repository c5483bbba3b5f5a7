import { describe, expect, it } from "vitest";
import { feeFor, roundHalfUp } from "./fees.js";

describe("roundHalfUp", () => {
  it.each([
    [0n, 1n, 0n],
    [1n, 2n, 1n], // 0.5 → 1
    [3n, 2n, 2n], // 1.5 → 2
    [5n, 2n, 3n], // 2.5 → 3 (half up, not to even)
    [49n, 100n, 0n], // 0.49 → 0
    [50n, 100n, 1n], // 0.50 → 1
    [149_999n, 100_000n, 1n], // 1.49999 → 1
    [150_000n, 100_000n, 2n], // 1.5 → 2
    [10_000n, 10_000n, 1n],
    // Beyond 2^53: float division would round this wrong.
    [9_007_199_254_740_993n * 2n + 1n, 2n, 9_007_199_254_740_994n],
  ])("%s / %s → %s", (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it("refuses negative numerators and non-positive denominators", () => {
    expect(() => roundHalfUp(-1n, 2n)).toThrow(RangeError);
    expect(() => roundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe("feeFor", () => {
  const standard = { bps: 200, fixed: 0 };
  it.each([
    // amount, currency (for the reader: minor units already carry the exponent), schedule, fee
    [10_000, "INR ₹100.00", standard, 200],
    [25, "INR ₹0.25: 0.5 paise rounds up", standard, 1],
    [24, "INR ₹0.24: 0.48 paise rounds down", standard, 0],
    [75, "INR ₹0.75: 1.5 paise rounds up", standard, 2],
    [1_500, "JPY ¥1,500 (zero-decimal)", standard, 30],
    [1_525, "JPY ¥1,525: ¥30.5 rounds up", standard, 31],
    [1_524, "JPY ¥1,524: ¥30.48 rounds down", standard, 30],
    [12_345, "KWD 12.345 (three-decimal): 246.9 fils rounds up", standard, 247],
    [12_325, "KWD 12.325: 246.5 fils rounds up", standard, 247],
    [12_324, "KWD 12.324: 246.48 fils rounds down", standard, 246],
    [10_000, "fixed part added", { bps: 290, fixed: 30 }, 320],
    [1, "fixed fee above the amount (net goes negative)", { bps: 200, fixed: 30 }, 30],
    [10_000, "zero fees", { bps: 0, fixed: 0 }, 0],
    [1_000_000_000_000, "MAX_AMOUNT at 100 %", { bps: 10_000, fixed: 0 }, 1_000_000_000_000],
    [999_999_999_999, "large odd amount, 0.33 %", { bps: 33, fixed: 0 }, 3_300_000_000],
  ])("%s (%s) → fee %s", (amount, _what, schedule, expected) => {
    expect(feeFor(amount, schedule)).toBe(expected);
  });

  it("refuses fractional or negative amounts", () => {
    expect(() => feeFor(10.5, standard)).toThrow(RangeError);
    expect(() => feeFor(-1, standard)).toThrow(RangeError);
  });
});
