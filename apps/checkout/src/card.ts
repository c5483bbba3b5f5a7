/**
 * Card input helpers: formatting as the shopper types and the checks of SPEC §6 (the API runs
 * the same checks; doing them here turns a round trip into an inline error).
 */
export type CardNetwork = "visa" | "mastercard" | "amex" | "rupay" | "discover" | "jcb" | "diners" | "unknown";

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

/** The network by IIN range, as the API decides it (apps/api card.ts). */
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

const maxDigits = (network: CardNetwork) => (network === "amex" ? 15 : network === "diners" ? 14 : 19);
export const cvvLength = (network: CardNetwork) => (network === "amex" ? 4 : 3);

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

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
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
