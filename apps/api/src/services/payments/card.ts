import { type CardInput, cardNetwork, cvvLength, luhnValid } from "@paygate/contracts";
import { ServiceError } from "../../lib/errors.js";

export interface CheckedCard {
  digits: string;
  last4: string;
  network: string;
  expiryMonth: number;
  expiryYear: number;
}

const invalid = (param: string, description: string) => new ServiceError("invalid_card", description, { param });

/**
 * The synchronous checks of SPEC §6: length 12–19, Luhn, expiry not past, CVV 3 digits
 * (4 for Amex). Throws `invalid_card` naming the field.
 */
export function checkCard(card: CardInput, now = new Date()): CheckedCard {
  const digits = card.number.replace(/[\s-]/g, "");
  if (!/^\d+$/.test(digits)) throw invalid("card.number", "The card number must contain digits only");
  if (digits.length < 12 || digits.length > 19) throw invalid("card.number", "The card number must have 12 to 19 digits");
  if (!luhnValid(digits)) throw invalid("card.number", "The card number is not valid (checksum)");
  const [mm, yy] = card.expiry.split("/");
  const expiryMonth = Number(mm);
  const expiryYear = 2000 + Number(yy);
  if (!(expiryMonth >= 1 && expiryMonth <= 12) || Number.isNaN(expiryYear)) throw invalid("card.expiry", "Expiry must be MM/YY");
  // A card is valid through the last day of its expiry month.
  if (expiryYear < now.getUTCFullYear() || (expiryYear === now.getUTCFullYear() && expiryMonth < now.getUTCMonth() + 1)) {
    throw invalid("card.expiry", "The card has expired");
  }
  const network = cardNetwork(digits);
  const digitsNeeded = cvvLength(network);
  if (!new RegExp(`^\\d{${digitsNeeded}}$`).test(card.cvv)) {
    throw invalid("card.cvv", `The CVV must be ${digitsNeeded} digits for this card`);
  }
  return { digits, last4: digits.slice(-4), network, expiryMonth, expiryYear };
}

const VPA = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,255}@[a-zA-Z][a-zA-Z0-9.-]{1,63}$/;

/** A UPI id must look like `name@handle`. */
export function checkVpa(vpa: string): string {
  if (!VPA.test(vpa)) throw new ServiceError("invalid_vpa", "The UPI ID must look like name@bank", { param: "vpa" });
  return vpa.toLowerCase();
}
