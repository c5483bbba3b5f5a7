import type { DeclineCode } from "./errors.js";

/**
 * The sandbox's magic values (SPEC §6), in one table: the simulator decides by it, the
 * checkout's test-mode banner shows it, and a test holds the README's "Test values" to it.
 * Zod-free, so the checkout bundle can import it.
 */

/**
 * What a magic value does: succeed, ask for 3-D Secure, fail with a decline code, or succeed with
 * every later refund failing (SPEC §13), or succeed while the shopper is present and decline every
 * merchant-initiated charge of the saved card (SPEC §15).
 */
export type MagicOutcome = "success" | "3ds" | "refunds_fail" | "mit_declined" | DeclineCode;

export interface MagicValue<Outcome extends MagicOutcome = MagicOutcome> {
  outcome: Outcome;
  /** For people: the checkout banner's wording. */
  label: string;
  /** Shown in the checkout's test banner (the table itself is longer than a banner should be). */
  featured: boolean;
}

/** Magic card numbers, digits only. Any future expiry and any CVV of the right length. */
export const magicCards = {
  "4111111111111111": { outcome: "success", label: "Card succeeds", featured: false },
  "4242424242424242": { outcome: "success", label: "Card succeeds", featured: true },
  "5555555555554444": { outcome: "success", label: "Card succeeds", featured: false },
  "4000000000000002": { outcome: "card_declined", label: "Card declined", featured: true },
  "4000000000009995": { outcome: "insufficient_funds", label: "Insufficient funds", featured: false },
  "4000000000000069": { outcome: "expired_card", label: "Expired card", featured: false },
  "4000000000000127": { outcome: "incorrect_cvc", label: "Incorrect CVV", featured: false },
  "4000000000000119": { outcome: "processing_error", label: "Processing error", featured: false },
  "4000002760003184": { outcome: "3ds", label: "3-D Secure", featured: true },
  "4000000000005126": { outcome: "refunds_fail", label: "Pays; refunds fail", featured: false },
  "4000000000000341": { outcome: "mit_declined", label: "Pays; saved-card charges declined", featured: false },
} as const satisfies Record<string, MagicValue>;

/** Magic UPI IDs (compared lower-cased). */
export const magicVpas = {
  "success@paygate": { outcome: "success", label: "UPI succeeds", featured: true },
  "failure@paygate": { outcome: "upi_declined", label: "UPI declined", featured: true },
} as const satisfies Record<string, MagicValue<"success" | DeclineCode>>;

/** The one 3-D Secure OTP that succeeds; any other fails `authentication_failed`. */
export const threeDsOtp = "123456";

/** The outcome a card number (any spacing) or VPA is bound to, if it is magic. */
export function magicCardOutcome(number: string): MagicOutcome | undefined {
  const table: Record<string, MagicValue> = magicCards;
  const digits = number.replace(/\D/g, "");
  return Object.hasOwn(table, digits) ? table[digits]?.outcome : undefined;
}

export function magicVpaOutcome(vpa: string): "success" | DeclineCode | undefined {
  const table: Record<string, MagicValue<"success" | DeclineCode>> = magicVpas;
  const key = vpa.toLowerCase();
  return Object.hasOwn(table, key) ? table[key]?.outcome : undefined;
}

/** "4242424242424242" → "4242 4242 4242 4242", as the README and the banner print it. */
export const groupCardNumber = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, "$1 ");
