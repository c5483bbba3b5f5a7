import { isObject } from "./messages.js";
import type { CheckoutDisplayOptions, CheckoutError, PaymentFailure, PaymentSubmitted, PaymentSuccess } from "./payloads.js";

export type { CheckoutDisplayOptions, CheckoutError, PaymentFailure, PaymentSubmitted, PaymentSuccess } from "./payloads.js";
/** `handle.result` settles with the success, or with `null` when the modal closes without one. */
export type PaymentResult = PaymentSuccess | null;

export interface CheckoutOptions extends CheckoutDisplayOptions {
  /** Your publishable key, `key_test_…` or `key_live_…`. */
  key: string;
  /** The order your server created with `POST /api/v1/orders`. */
  orderId: string;
  /** Where the checkout is served; defaults to the origin `sdk.js` was loaded from. */
  checkoutUrl?: string;
  onSuccess?: (payment: PaymentSuccess) => void;
  onFailure?: (failure: PaymentFailure) => void;
  onClose?: () => void;
}

export interface CheckoutEvents {
  ready: undefined;
  "payment.submitted": PaymentSubmitted;
  "payment.succeeded": PaymentSuccess;
  "payment.failed": PaymentFailure;
  error: CheckoutError;
  closed: undefined;
}
export type CheckoutEvent = keyof CheckoutEvents;

export interface CheckoutHandle {
  /** Closes the modal; safe to call more than once. */
  close(): void;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends CheckoutEvent>(event: E, listener: (payload: CheckoutEvents[E]) => void): () => void;
  result: Promise<PaymentResult>;
}

/** String options (the first two required) and the rest; lengths are the checkout's to enforce. */
const STRINGS = [
  "key",
  "orderId",
  "name",
  "description",
  "checkoutUrl",
  "prefill.name",
  "prefill.email",
  "prefill.contact",
  "theme.color",
];
const CALLBACKS = ["onSuccess", "onFailure", "onClose"];
// Built from the lists above so the message cannot drift from the checks.
const EXPECTED = `Expected { ${STRINGS.map((path, index) => (index > 1 ? `${path}?` : path)).join(", ")}: string; ${CALLBACKS.join("?, ")}?: function }`;

/**
 * Checks `open()`'s options at the call site, so a typo fails loudly in the merchant's console
 * instead of as a blank modal. Throws a TypeError naming the field and the expected shape.
 * Returns the checkout's URL: `checkoutUrl`, else `defaultCheckoutUrl`, as an absolute http(s) URL.
 */
export function validateOptions(options: unknown, defaultCheckoutUrl?: string): URL {
  const fail = (field: string): never => {
    throw new TypeError(`PaymentGateway.open: invalid "${field}". ${EXPECTED}`);
  };
  if (!isObject(options)) fail("options");
  const get = (path: string) =>
    path.split(".").reduce<unknown>((parent, key) => (isObject(parent) ? parent[key] : undefined), options);
  STRINGS.forEach((path, index) => {
    const value = get(path);
    // Missing: only the first two are required. Present: a non-empty string (a colour for theme.color).
    const bad =
      value === undefined
        ? index < 2
        : typeof value !== "string" || !value || (path === "theme.color" && !/^#[\da-f]{3,8}$/i.test(value));
    if (bad) fail(path);
  });
  for (const path of ["prefill", "theme", ...CALLBACKS]) {
    const value = get(path);
    if (value !== undefined && (path[0] === "o" ? typeof value !== "function" : !isObject(value))) fail(path);
  }
  try {
    const url = new URL((get("checkoutUrl") ?? defaultCheckoutUrl) as string);
    if (/^https?:$/.test(url.protocol)) return url;
  } catch {}
  return fail("checkoutUrl");
}
