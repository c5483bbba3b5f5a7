// The SDK's public payload types, written out rather than inferred from @paygate/contracts: the
// published .d.ts must not import the workspace-only contracts (nor zod, which the SDK does not
// ship). `payloads.test.ts` checks at compile time that each one equals its zod schema's type.

/** What `onSuccess` receives; send it to your server and check it with `verifyPaymentSignature`. */
export interface PaymentSuccess {
  payment_id: string;
  order_id: string;
  status: string;
  /** Hex HMAC-SHA256(api_secret, `${order_id}|${payment_id}`). */
  signature: string;
}

/** Why a payment or the checkout failed: a stable `type`, its numeric `code`, words for people. */
export interface CheckoutError {
  type: string;
  code: number;
  description: string;
}

/** What `onFailure` receives; it may fire several times, as the shopper can retry in the modal. */
export interface PaymentFailure {
  /** Absent when the API refused the attempt outright (e.g. `invalid_card`). */
  payment_id?: string;
  order_id: string;
  error: CheckoutError;
}

/** `payment.submitted`: the shopper pressed Pay and the payment exists. */
export interface PaymentSubmitted {
  payment_id: string;
  order_id: string;
}

/** The display options the SDK passes to the checkout (`init`). */
export interface CheckoutDisplayOptions {
  /** Shown instead of your account name (≤ 100 characters). */
  name?: string | undefined;
  /** ≤ 255 characters. */
  description?: string | undefined;
  prefill?: { name?: string | undefined; email?: string | undefined; contact?: string | undefined } | undefined;
  /** Accent colour, `#rgb` … `#rrggbbaa`. */
  theme?: { color?: string | undefined } | undefined;
}
