import { describe, expect, it } from "vitest";
import { type DiscountRule, discountAmountFor } from "./amount.js";

const pct = (bps: number, extra: Partial<DiscountRule> = {}): DiscountRule => ({
  type: "percentage",
  value: bps,
  currency: null,
  maxDiscountAmount: null,
  minOrderAmount: null,
  ...extra,
});
const fixed = (value: number, currency: string, extra: Partial<DiscountRule> = {}): DiscountRule => ({
  ...pct(0),
  type: "fixed",
  value,
  currency,
  ...extra,
});

describe("discountAmountFor", () => {
  it.each([
    // [rule, amount, currency, expected discount]
    ["10 % of ₹500.00", pct(1000), 50000, "INR", 5000],
    ["10 % of ₹0.05 rounds half up", pct(1000), 5, "INR", 1], // 0.5 → 1
    ["10 % of ₹0.04 rounds down", pct(1000), 4, "INR", 0], // 0.4 → 0
    ["12.5 % of ¥1,004 (JPY, no minor unit)", pct(1250), 1004, "JPY", 126], // 125.5 → 126
    ["33.33 % of ¥1 (JPY)", pct(3333), 1, "JPY", 0],
    ["15 % of KWD 1.235 (three decimals)", pct(1500), 1235, "KWD", 185], // 185.25 → 185
    ["2.5 % of KWD 0.030", pct(250), 30, "KWD", 1], // 0.75 → 1
    ["100 % takes the whole amount", pct(10000), 777, "INR", 777],
    ["capped at max_discount_amount", pct(5000, { currency: "INR", maxDiscountAmount: 10000 }), 50000, "INR", 10000],
    ["cap above the raw amount changes nothing", pct(1000, { currency: "INR", maxDiscountAmount: 99999 }), 50000, "INR", 5000],
    ["min order met exactly", pct(1000, { currency: "INR", minOrderAmount: 50000 }), 50000, "INR", 5000],
    ["fixed ₹50.00 off ₹500.00", fixed(5000, "INR"), 50000, "INR", 5000],
    ["fixed capped at the amount", fixed(5000, "INR"), 3000, "INR", 3000],
    ["fixed ¥500 off ¥1,200 (JPY)", fixed(500, "JPY"), 1200, "JPY", 500],
    ["fixed KWD 0.250 off KWD 1.000", fixed(250, "KWD"), 1000, "KWD", 250],
    ["beyond 2^53 intermediate", pct(9999), 900_000_000_000_000, "INR", 899_910_000_000_000],
  ] as const)("%s", (_name, rule, amount, currency, expected) => {
    expect(discountAmountFor(rule, amount, currency)).toEqual({ ok: true, amount: expected });
  });

  it("refuses another currency and an amount under the minimum", () => {
    expect(discountAmountFor(fixed(5000, "USD"), 50000, "INR")).toEqual({ ok: false, reason: "currency" });
    expect(discountAmountFor(pct(1000, { currency: "JPY", maxDiscountAmount: 100 }), 50000, "INR")).toEqual({
      ok: false,
      reason: "currency",
    });
    expect(discountAmountFor(pct(1000, { currency: "INR", minOrderAmount: 50001 }), 50000, "INR")).toEqual({
      ok: false,
      reason: "min_amount",
    });
  });

  it("a percentage code without a currency applies to any currency", () => {
    expect(discountAmountFor(pct(2000), 1000, "KWD")).toEqual({ ok: true, amount: 200 });
    expect(discountAmountFor(pct(2000), 1000, "JPY")).toEqual({ ok: true, amount: 200 });
  });

  it("refuses a non-integer amount", () => {
    expect(() => discountAmountFor(pct(1000), 10.5, "INR")).toThrow(RangeError);
  });
});
