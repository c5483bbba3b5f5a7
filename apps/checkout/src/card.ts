/**
 * Card input helpers: formatting as the shopper types and the checks of SPEC §6 (the API runs
 * the same checks; doing them here turns a round trip into an inline error).
 */
import { type CardNetwork, cardNetwork, cvvLength, luhnValid } from "@paygate/contracts/card";

export { type CardNetwork, cardNetwork, cvvLength, luhnValid };

export const networkNames: Record<CardNetwork, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  rupay: "RuPay",
  discover: "Discover",
  jcb: "JCB",
  diners: "Diners Club",
  unknown: "",
};

export const digitsOf = (value: string) => value.replace(/\D/g, "");

const maxDigits = (network: CardNetwork) => (network === "amex" ? 15 : network === "diners" ? 14 : 19);

/** "4242424242424242" → "4242 4242 4242 4242"; Amex reads 4-6-5. Extra digits are dropped. */
export function formatCardNumber(value: string): string {
  const digits = digitsOf(value);
  const network = cardNetwork(digits);
  const kept = digits.slice(0, maxDigits(network));
  const groups = network === "amex" ? kept.match(/^(\d{0,4})(\d{0,6})(\d{0,5})/)?.slice(1) : kept.match(/\d{1,4}/g);
  return (groups ?? []).filter(Boolean).join(" ");
}

/** "1" → "1", "4" → "04/", "1228" → "12/28": a leading 2–9 can only be a month 02–09. */
export function formatExpiry(value: string, deleting = false): string {
  let digits = digitsOf(value).slice(0, 4);
  if (/^[2-9]/.test(digits)) digits = `0${digits}`.slice(0, 4);
  if (digits.length < 2) return digits;
  if (digits.length === 2) return deleting ? digits : `${digits}/`;
  return `${digits.slice(0, 2)}/${digits.slice(2)}`;
}

export interface CardFields {
  number: string;
  expiry: string;
  cvv: string;
  name: string;
}
export type CardErrors = Partial<Record<keyof CardFields, string>>;

/** Inline errors for the card form; empty when the card may be submitted. */
export function validateCard(card: CardFields, now = new Date()): CardErrors {
  const errors: CardErrors = {};
  const digits = digitsOf(card.number);
  const network = cardNetwork(digits);
  if (digits.length === 0) errors.number = "Enter the card number.";
  else if (digits.length < 12 || !luhnValid(digits)) errors.number = "This card number is not valid. Check it and try again.";
  const match = /^(\d{2})\/(\d{2})$/.exec(card.expiry);
  const month = Number(match?.[1]);
  const year = 2000 + Number(match?.[2]);
  if (!match || month < 1 || month > 12) errors.expiry = "Enter the expiry date as MM/YY.";
  else if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) {
    errors.expiry = "This card has expired.";
  }
  if (!new RegExp(`^\\d{${cvvLength(network)}}$`).test(card.cvv)) errors.cvv = `Enter the ${cvvLength(network)}-digit CVV.`;
  if (card.name.trim().length > 100) errors.name = "Use at most 100 characters.";
  return errors;
}

const VPA = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,255}@[a-zA-Z][a-zA-Z0-9.-]{1,63}$/;

/** The API's rule (apps/api card.ts): `name@handle`. */
export function validateVpa(vpa: string): string | undefined {
  if (vpa.trim() === "") return "Enter your UPI ID.";
  return VPA.test(vpa.trim()) ? undefined : "Enter a UPI ID like name@bank.";
}
