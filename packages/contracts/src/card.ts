/**
 * Card-number rules shared by the API (which enforces them) and the checkout (which shows them
 * as the shopper types). No zod here: the checkout bundles this module alone.
 */
export type CardNetwork = "visa" | "mastercard" | "amex" | "rupay" | "discover" | "jcb" | "diners" | "unknown";

/** Luhn checksum over a digits-only string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The card network by IIN range. */
export function cardNetwork(digits: string): CardNetwork {
  if (/^3[47]/.test(digits)) return "amex";
  if (/^4/.test(digits)) return "visa";
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return "mastercard";
  // Discover's 6011 and 644–649 sit inside RuPay's 6x ranges: test the narrower ranges first.
  if (/^(6011|64[4-9])/.test(digits)) return "discover";
  if (/^(60|65|81|82|508)/.test(digits)) return "rupay";
  if (/^35(2[89]|[3-8]\d)/.test(digits)) return "jcb";
  if (/^3(0[0-5]|[68])/.test(digits)) return "diners";
  return "unknown";
}

/** CVV digits the network uses: 4 for Amex, 3 otherwise. */
export const cvvLength = (network: CardNetwork) => (network === "amex" ? 4 : 3);
