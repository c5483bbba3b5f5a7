/**
 * The stable error catalogue of SPEC §3: machine-readable `type`, numeric `code`, HTTP status.
 * The API maps domain errors through this table and nowhere else.
 */
export const errorCatalogue = {
  validation_error: { code: 1000, status: 400 },
  login_failed: { code: 1001, status: 401 },
  unauthorized: { code: 1002, status: 401 },
  forbidden: { code: 1003, status: 403 },
  email_taken: { code: 1004, status: 409 },
  rate_limited: { code: 1005, status: 429 },
  not_found: { code: 1006, status: 404 },
  idempotency_in_progress: { code: 1007, status: 409 },
  order_not_payable: { code: 1008, status: 409 },
  invalid_card: { code: 1009, status: 400 },
  invalid_vpa: { code: 1010, status: 400 },
  payment_failed: { code: 1011, status: 402 },
  payment_not_capturable: { code: 1012, status: 409 },
  payment_not_refundable: { code: 1013, status: 409 },
  refund_exceeds_captured: { code: 1014, status: 409 },
  idempotency_key_reused: { code: 1015, status: 422 },
  payload_too_large: { code: 1016, status: 413 },
  order_not_cancellable: { code: 1017, status: 409 },
  webhook_url_refused: { code: 1018, status: 400 },
  merchant_not_found: { code: 1019, status: 404 },
  admin_only: { code: 1020, status: 403 },
  payment_action_not_required: { code: 1021, status: 409 },
  payment_not_voidable: { code: 1022, status: 409 },
  unsupported_media_type: { code: 1029, status: 415 },
  link_not_payable: { code: 1025, status: 410 },
  payment_method_unusable: { code: 1026, status: 409 },
  subscription_state_invalid: { code: 1027, status: 409 },
  discount_invalid: { code: 1023, status: 409 },
  invoice_state_invalid: { code: 1024, status: 409 },
  discount_code_taken: { code: 1028, status: 409 },
  internal_error: { code: 1500, status: 500 },
} as const;

export type ErrorType = keyof typeof errorCatalogue;

/** Decline reasons a payment can carry in `error_code` (SPEC §6). */
export const declineCodes = [
  "card_declined",
  "insufficient_funds",
  "expired_card",
  "incorrect_cvc",
  "processing_error",
  "authentication_failed",
  "upi_declined",
  "bank_declined",
  "wallet_declined",
  "order_already_paid",
  "order_cancelled",
  "authorization_expired",
  "authentication_timeout",
  "authentication_required",
] as const;
export type DeclineCode = (typeof declineCodes)[number];

export const declineDescriptions: Record<DeclineCode, string> = {
  card_declined: "The card was declined by the issuer.",
  insufficient_funds: "The card has insufficient funds.",
  expired_card: "The card has expired.",
  incorrect_cvc: "The CVV is incorrect.",
  processing_error: "An error occurred while processing the card. Try again.",
  authentication_failed: "3-D Secure authentication failed.",
  upi_declined: "The UPI payment was declined.",
  bank_declined: "The bank declined the payment.",
  wallet_declined: "The wallet declined the payment.",
  order_already_paid: "The order was already paid by another payment.",
  order_cancelled: "The order was cancelled.",
  authorization_expired: "The authorization expired before it was captured.",
  authentication_timeout: "3-D Secure authentication was not completed in time.",
  authentication_required: "The card needs 3-D Secure, which a merchant-initiated payment cannot perform.",
};

/** Why a refund failed (`refund.error_code`, SPEC §13). */
export const refundErrorCodes = ["refund_failed"] as const;
export type RefundErrorCode = (typeof refundErrorCodes)[number];
