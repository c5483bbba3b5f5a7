import type { InitPayload } from "@paygate/contracts";

// At least as strict as the API's schemas (prefill.test.ts): a prefill the API would reject
// is left out rather than failing the shopper's payment with a validation error.
const EMAIL = /^[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const CONTACT = /^\+?[0-9 -]{6,20}$/;

/** The merchant's prefilled email and phone, sent with the payment when they are valid. */
export function contactDetails(prefill: InitPayload["prefill"]): { email?: string; contact?: string } {
  const details: { email?: string; contact?: string } = {};
  if (prefill?.email && prefill.email.length <= 254 && EMAIL.test(prefill.email)) details.email = prefill.email;
  if (prefill?.contact && CONTACT.test(prefill.contact)) details.contact = prefill.contact;
  return details;
}
