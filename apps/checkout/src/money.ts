/**
 * `formatAmount` of @paygate/contracts without its zod import, which alone would cost ~20 KB
 * of the page's 30 KB budget. The currency's exponent comes from Intl (CLDR); money.test.ts
 * checks this gives the same text as the contracts for every currency the API accepts.
 * @example formatAmount(50000, "INR") // "₹500.00"
 */
export function formatAmount(amount: number, currency: string, locale = "en-IN"): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** exponent);
}
