import { type InvoiceLineItem, type InvoiceLineItemInput, MAX_AMOUNT } from "@paygate/contracts";
import { roundHalfUp } from "../ledger/fees.js";

const BPS_PER_UNIT = 10_000n;

export interface InvoiceAmounts {
  lineItems: InvoiceLineItem[];
  subtotal: number;
  discountAmount: number;
  taxAmount: number;
  total: number;
}

/** Σ quantity × unit_amount, in minor units: what a discount is computed on. */
export function invoiceSubtotal(lines: readonly InvoiceLineItemInput[]): number {
  return Number(lines.reduce((sum, line) => sum + BigInt(line.quantity) * BigInt(line.unit_amount), 0n));
}

/**
 * The invoice's arithmetic (SPEC §14), the one place it is done, in integer minor units (bigint
 * inside, so quantity × unit_amount × tax_bps cannot lose precision above 2^53):
 * line amount = quantity × unit_amount; subtotal = Σ line amounts; the discount is capped at the
 * subtotal; tax = round_half_up((subtotal − discount) × tax_bps / 10000); total = subtotal −
 * discount + tax. Minor units already carry the currency's exponent (JPY 0, KWD 3), so the rule
 * is the same for every currency. Throws a RangeError when a figure leaves the API's amount range.
 * @example invoiceAmounts([{ name: "Tea", quantity: 3, unit_amount: 333 }], 0, 1800).total // 1179
 */
export function invoiceAmounts(lines: readonly InvoiceLineItemInput[], discountAmount: number, taxBps: number): InvoiceAmounts {
  if (!Number.isSafeInteger(discountAmount) || discountAmount < 0)
    throw new RangeError("discount must be a non-negative integer");
  if (!Number.isInteger(taxBps) || taxBps < 0 || taxBps > 10_000) throw new RangeError("tax_bps must be 0 … 10000");
  const lineItems = lines.map((line) => {
    const amount = BigInt(line.quantity) * BigInt(line.unit_amount);
    return { name: line.name, quantity: line.quantity, unit_amount: line.unit_amount, amount: checked(amount) };
  });
  const subtotal = lineItems.reduce((sum, line) => sum + BigInt(line.amount), 0n);
  const discount = BigInt(discountAmount) < subtotal ? BigInt(discountAmount) : subtotal;
  const tax = roundHalfUp((subtotal - discount) * BigInt(taxBps), BPS_PER_UNIT);
  return {
    lineItems,
    subtotal: checked(subtotal),
    discountAmount: Number(discount),
    taxAmount: checked(tax),
    total: checked(subtotal - discount + tax),
  };
}

function checked(value: bigint): number {
  if (value > BigInt(MAX_AMOUNT)) throw new RangeError(`an invoice amount must be at most ${MAX_AMOUNT} minor units`);
  return Number(value);
}
