import { openCheckout } from "./open.js";
import type { CheckoutHandle, CheckoutOptions } from "./options.js";

export type {
  CheckoutEvent,
  CheckoutEvents,
  CheckoutHandle,
  CheckoutOptions,
  PaymentFailure,
  PaymentResult,
  PaymentSuccess,
} from "./options.js";
export type { CheckoutDisplayOptions, CheckoutError, PaymentSubmitted } from "./payloads.js";

declare const __SDK_VERSION__: string;

/**
 * The ESM entry. Unlike the script-tag build it cannot know where the checkout lives, so pass
 * `checkoutUrl`.
 * @example PaymentGateway.open({ key, orderId, checkoutUrl: "https://checkout.example.com", onSuccess })
 */
export const PaymentGateway = {
  version: __SDK_VERSION__,
  open: (options: CheckoutOptions): CheckoutHandle => openCheckout(options),
};
