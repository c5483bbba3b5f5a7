import { describe, expect, it } from "vitest";
import { invoiceAmounts, invoiceSubtotal } from "./amounts.js";

const line = (quantity: number, unit_amount: number, name = "Item") => ({ name, quantity, unit_amount });

describe("invoiceAmounts", () => {
  // [case, currency (for the reader: minor units carry its exponent), lines, discount, tax_bps, expected]
  const table: [
    string,
    string,
    ReturnType<typeof line>[],
    number,
    number,
    { subtotal: number; discount: number; tax: number; total: number },
  ][] = [
    ["INR, no tax", "INR", [line(2, 50_000)], 0, 0, { subtotal: 100_000, discount: 0, tax: 0, total: 100_000 }],
    ["INR 18 % GST", "INR", [line(3, 333)], 0, 1800, { subtotal: 999, discount: 0, tax: 180, total: 1179 }], // 179.82 → 180
    ["INR tax rounds half up", "INR", [line(1, 25)], 0, 1000, { subtotal: 25, discount: 0, tax: 3, total: 28 }], // 2.5 → 3
    ["INR tax just under half rounds down", "INR", [line(1, 24)], 0, 1000, { subtotal: 24, discount: 0, tax: 2, total: 26 }], // 2.4 → 2
    [
      "INR discount before tax",
      "INR",
      [line(1, 10_000), line(2, 2_500)],
      3_000,
      1800,
      { subtotal: 15_000, discount: 3_000, tax: 2_160, total: 14_160 },
    ],
    ["discount capped at the subtotal", "INR", [line(1, 500)], 900, 1800, { subtotal: 500, discount: 500, tax: 0, total: 0 }],
    ["JPY (0 decimals) half up", "JPY", [line(3, 105)], 0, 1000, { subtotal: 315, discount: 0, tax: 32, total: 347 }], // 31.5 → 32
    ["JPY 8 % with discount", "JPY", [line(1, 1_999)], 99, 800, { subtotal: 1_999, discount: 99, tax: 152, total: 2_052 }], // 152.0
    ["KWD (3 decimals)", "KWD", [line(2, 1_250), line(1, 5)], 0, 500, { subtotal: 2_505, discount: 0, tax: 125, total: 2_630 }], // 125.25 → 125
    ["KWD half up at the fils", "KWD", [line(1, 2_510)], 0, 50, { subtotal: 2_510, discount: 0, tax: 13, total: 2_523 }], // 12.55 → 13
    ["100 % tax", "USD", [line(7, 143)], 1, 10_000, { subtotal: 1_001, discount: 1, tax: 1_000, total: 2_000 }],
  ];

  for (const [name, _currency, lines, discount, taxBps, expected] of table) {
    it(name, () => {
      const amounts = invoiceAmounts(lines, discount, taxBps);
      expect({
        subtotal: amounts.subtotal,
        discount: amounts.discountAmount,
        tax: amounts.taxAmount,
        total: amounts.total,
      }).toEqual(expected);
      expect(amounts.lineItems.map((item) => item.amount)).toEqual(lines.map((l) => l.quantity * l.unit_amount));
      expect(invoiceSubtotal(lines)).toBe(expected.subtotal);
    });
  }

  it("refuses a total above the API's amount range instead of rounding it", () => {
    expect(() => invoiceAmounts([line(1_000_000, 999_999)], 0, 9_999)).toThrow(RangeError);
  });

  it("keeps precision where floats would not (quantity × unit × bps above 2^53)", () => {
    // 999_999_999 × 9_999 = 9_998_999_990_001 → / 10000 = 999_899_999.0001 → 999_899_999
    const amounts = invoiceAmounts([line(1, 999_999_999)], 0, 9_999);
    expect(amounts.taxAmount).toBe(999_899_999);
    // 333_333_333_333 × 3 / 10000 = 99_999_999.9999 → 100_000_000: a float product would be inexact.
    const big = invoiceAmounts([line(3, 111_111_111_111)], 0, 3);
    expect(big.subtotal).toBe(333_333_333_333);
    expect(big.taxAmount).toBe(100_000_000);
    expect(big.total).toBe(333_433_333_333);
  });

  it("refuses a negative discount and a tax rate over 100 %", () => {
    expect(() => invoiceAmounts([line(1, 100)], -1, 0)).toThrow(RangeError);
    expect(() => invoiceAmounts([line(1, 100)], 0, 10_001)).toThrow(RangeError);
  });
});
