import type { DiscountInvalidReason } from "@paygate/contracts";
import { roundHalfUp } from "../ledger/fees.js";

/** The parts of a code that decide how much it takes off (a DiscountRow fits). */
export interface DiscountRule {
  type: "percentage" | "fixed";
  /** Basis points (percentage) or minor units of `currency` (fixed). */
  value: number;
  currency: string | null;
  maxDiscountAmount: number | null;
  minOrderAmount: number | null;
}

export type DiscountOutcome =
  | { ok: true; amount: number }
  | { ok: false; reason: Extract<DiscountInvalidReason, "currency" | "min_amount"> };

/**
 * The one place a discount amount is computed (SPEC §14), in integer minor units:
 * percentage = round_half_up(amount × bps / 10000), capped at `maxDiscountAmount` and at the
 * amount; fixed = min(value, amount). A code with a currency (fixed, or a percentage with a cap or
 * a minimum) applies only to orders in that currency; minor units carry each currency's exponent,
 * so JPY (0) and KWD (3) need no special case.
 * @example discountAmountFor({ type: "percentage", value: 1000, currency: null, maxDiscountAmount: null, minOrderAmount: null }, 50000, "INR") // { ok: true, amount: 5000 }
 */
export function discountAmountFor(rule: DiscountRule, amount: number, currency: string): DiscountOutcome {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError("amount must be a non-negative integer of minor units");
  if (rule.currency !== null && rule.currency !== currency) return { ok: false, reason: "currency" };
  if (rule.minOrderAmount !== null && amount < rule.minOrderAmount) return { ok: false, reason: "min_amount" };
  if (rule.type === "fixed") return { ok: true, amount: Math.min(rule.value, amount) };
  const raw = Number(roundHalfUp(BigInt(amount) * BigInt(rule.value), 10_000n));
  const capped = rule.maxDiscountAmount === null ? raw : Math.min(raw, rule.maxDiscountAmount);
  return { ok: true, amount: Math.min(capped, amount) };
}
