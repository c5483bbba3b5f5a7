import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * How many of the most used passwords are refused. The list (zxcvbn-ts's `passwords-common`,
 * ranked by frequency in leaked-password corpora) holds ~49k; the top 10k are the ones an
 * attacker's first guesses cover, and cutting there keeps the false positives of the long tail out.
 */
export const COMMON_PASSWORD_COUNT = 10_000;

const common = new Set(dictionary["passwords-common"].slice(0, COMMON_PASSWORD_COUNT));

/**
 * Why a new password is refused, or null when it is acceptable. The length rule lives in the
 * contract schema; this adds what a schema cannot cheaply carry: blank passwords and the list.
 * @example passwordProblem("password") // "is one of the most common passwords"
 */
export function passwordProblem(password: string): string | null {
  if (password.trim() === "") return "must not be blank";
  // The list is lower-case; "Password" and "PASSWORD" are guessed just as early.
  if (common.has(password.toLowerCase()) || common.has(password.trim().toLowerCase())) {
    return "is one of the most common passwords; choose another";
  }
  return null;
}
