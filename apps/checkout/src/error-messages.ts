/**
 * What the shopper reads when the API cannot be reached or answers an error: plain words saying
 * what failed. "We could not reach PayGate" only when no answer came at all (the network, or a
 * CORS refusal, which a page cannot tell apart); every answer is named by its error type.
 * Field errors (card number, UPI ID…) keep the API's own description, which names the field.
 */
export const NETWORK_MESSAGE = "We could not reach PayGate. Check your connection and try again.";

export function shopperMessage(error: { type: string; description: string }, status: number): string {
  switch (error.type) {
    case "order_not_payable":
      if (/\bpaid\b/.test(error.description)) return "This order has already been paid.";
      if (/\bcancell?ed\b/.test(error.description)) return "This order was cancelled, so it cannot be paid.";
      return "This order can no longer be paid.";
    case "unauthorized":
      return "This checkout is not set up correctly: PayGate did not accept the shop's key. Please contact the shop.";
    case "not_found":
    case "merchant_not_found":
      return "PayGate could not find this order. Go back to the shop and start again.";
    case "rate_limited":
      return "Too many attempts in a short time. Wait a minute, then try again.";
    case "idempotency_in_progress":
      return "This payment is still being submitted. Wait a moment before trying again.";
    case "idempotency_key_reused":
      return "This attempt was already sent with different details. Try again.";
    case "payload_too_large":
    case "unsupported_media_type":
      return "PayGate could not read this request. Reload the page and try again.";
    case "internal_error":
      return `PayGate had a problem on its side (error ${status}). Try again in a moment.`;
    default:
      if (status >= 500) return `PayGate had a problem on its side (error ${status}). Try again in a moment.`;
      return error.description;
  }
}

/** An answer that was not PayGate's JSON envelope (a proxy's error page, say). */
export function unexpectedAnswerMessage(status: number): string {
  return status >= 500
    ? `PayGate is not available right now (error ${status}). Try again in a moment.`
    : `PayGate answered with an unexpected error (${status}). Try again.`;
}

/**
 * A decline in the shopper's words, with what to do next. The code (`card_declined`…) stays in
 * the SDK's `payment.failed` for the developer; the shopper never reads it.
 */
const declineMessages: Record<string, string> = {
  card_declined: "Your card was declined. Try another card or another way to pay.",
  insufficient_funds: "Your card has insufficient funds. Try another card or another way to pay.",
  expired_card: "Your card has expired. Try another card.",
  incorrect_cvc: "The CVV is incorrect. Check the 3 or 4 digit code on your card and try again.",
  processing_error: "Your bank could not process the payment. Try again in a moment.",
  authentication_failed: "Your bank could not verify the payment: the one-time password was not accepted.",
  authentication_timeout: "The payment was not verified in time. Try again.",
  authentication_required: "Your bank needs you to verify this payment. Pay again with the card to complete the check.",
  upi_declined: "The UPI payment was declined. Try again or use another way to pay.",
  bank_declined: "Your bank declined the payment. Try again or use another way to pay.",
  wallet_declined: "Your wallet declined the payment. Try again or use another way to pay.",
  order_already_paid: "This order has already been paid.",
  order_cancelled: "This order was cancelled, so it cannot be paid.",
  authorization_expired: "The payment expired before it was completed. Try again.",
};

export function declineMessage(code: string): string {
  return declineMessages[code] ?? "The payment did not go through. Try again or use another way to pay.";
}

/** What the shopper reads when a promo code does not apply (`discount_invalid`'s `meta.reason`). */
const discountReasons: Record<string, string> = {
  unknown: "This code isn't valid. Check it and try again.",
  inactive: "This code is no longer active.",
  not_started: "This code can't be used yet.",
  expired: "This code has expired.",
  exhausted: "This code has been fully used.",
  min_amount: "Your order is below this code's minimum amount.",
  currency: "This code can't be used for this currency.",
  per_customer_limit: "You have already used this code.",
};

export function discountMessage(reason: unknown): string {
  return (typeof reason === "string" && discountReasons[reason]) || "This code can't be applied to this order.";
}
