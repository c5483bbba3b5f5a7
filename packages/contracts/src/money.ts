import { z } from "zod";
import { type Currency, currencies, MAX_AMOUNT } from "./currency.js";

export * from "./currency.js";

export const currencySchema = z.enum(currencies, {
  error: () => `Unsupported currency; use an uppercase ISO-4217 code such as INR, USD, JPY`,
});

/** A positive integer amount in minor units. */
export const amountSchema = z
  .number({ error: "amount must be an integer number of minor units" })
  .int({ error: "amount must be an integer number of minor units (no decimals)" })
  .min(1, { error: "amount must be at least 1" })
  .max(MAX_AMOUNT, { error: `amount must be at most ${MAX_AMOUNT}` });

export type { Currency };
