import { z } from "zod";

/** Id prefixes of SPEC §3. Ids are prefix + a 21-character nanoid-style tail. */
export const idPrefixes = {
  merchant: "mer",
  order: "order",
  payment: "pay",
  refund: "rfnd",
  event: "evt",
  delivery: "whd",
  request: "req",
  balanceTransaction: "txn",
  settlement: "setl",
  paymentLink: "plink",
  email: "email",
  discount: "disc",
  discountRedemption: "dred",
  webhookEndpoint: "we",
  customer: "cust",
  paymentMethod: "pm",
  subscription: "sub",
  invoice: "inv",
} as const;

export type IdKind = keyof typeof idPrefixes;

const ID_TAIL = /^[A-Za-z0-9_-]{8,40}$/;

/** "an order id", "a payment id", "a balance transaction id": the kind in words, with its article. */
export function idDescription(kind: IdKind): string {
  const words = kind.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
  return `${/^[aeiou]/.test(words) ? "an" : "a"} ${words} id`;
}

/** A schema for an id of one kind: the right prefix and a well-formed tail, else a 400. */
export function idSchema(kind: IdKind) {
  const prefix = `${idPrefixes[kind]}_`;
  return z.string().refine((value) => value.startsWith(prefix) && ID_TAIL.test(value.slice(prefix.length)), {
    error: `must be ${idDescription(kind)} like ${prefix}…`,
  });
}
