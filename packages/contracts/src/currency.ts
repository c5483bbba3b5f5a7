/**
 * Currencies and formatting, without zod: browser bundles (the checkout) import this module alone.
 */

/**
 * ISO-4217 currencies we accept, with their minor-unit exponent.
 * Amounts are always integers in minor units: no floats anywhere.
 */
export const currencyExponents = {
  INR: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  AUD: 2,
  CAD: 2,
  SGD: 2,
  AED: 2,
  CHF: 2,
  HKD: 2,
  NZD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  ZAR: 2,
  MYR: 2,
  THB: 2,
  CNY: 2,
  BRL: 2,
  MXN: 2,
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
} as const;

export type Currency = keyof typeof currencyExponents;
export const currencies = Object.keys(currencyExponents) as [Currency, ...Currency[]];

/** Largest amount in minor units we accept (fits comfortably in a Postgres bigint and a JS number). */
export const MAX_AMOUNT = 1_000_000_000_000;

/**
 * Formats minor units for display, e.g. `formatAmount(50000, "INR") === "₹500.00"`.
 * @example formatAmount(1500, "JPY") // "¥1,500"
 */
export function formatAmount(amount: number, currency: Currency, locale = "en-IN"): string {
  const exponent = currencyExponents[currency];
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(amount / 10 ** exponent);
}
