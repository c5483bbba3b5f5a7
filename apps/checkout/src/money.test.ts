import { formatAmount as contractsFormatAmount, currencies } from "@paygate/contracts";
import { expect, it } from "vitest";
import { formatAmount } from "./money.js";

it.each(currencies)("formats %s exactly as the contracts do", (currency) => {
  for (const amount of [1, 50000, 123456789]) {
    expect(formatAmount(amount, currency)).toBe(contractsFormatAmount(amount, currency));
  }
});

it("reads ₹500.00 for 50000 paise", () => {
  expect(formatAmount(50000, "INR")).toBe("₹500.00");
});
