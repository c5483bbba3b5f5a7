import { type IdKind, idPrefixes } from "@paygate/contracts";
import { customAlphabet } from "nanoid";

const tail = customAlphabet("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 16);

/** A new id of the given kind: `order_` + 16 alphanumerics. */
export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${tail()}`;
}
