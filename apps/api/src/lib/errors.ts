import type { ErrorType } from "@paygate/contracts";

export interface ServiceErrorOptions {
  param?: string | null;
  meta?: Record<string, unknown> | null;
  message?: string;
  /** When the caller may try again (rate limits); the HTTP layer turns it into `Retry-After`. */
  retryAfterSeconds?: number | null;
  /** The limit that was hit (rate limits); the HTTP layer turns it into `RateLimit-*` headers. */
  rateLimit?: { limit: number; resetSeconds: number } | null;
  cause?: unknown;
}

/**
 * A domain error, free of any transport: services throw it with a `type` from the contracts'
 * catalogue; the HTTP layer (`http/errors.ts`) alone decides its status, code and headers.
 * @example throw new ServiceError("not_found", "Order not found", { param: "id" })
 */
export class ServiceError extends Error {
  readonly type: ErrorType;
  readonly description: string;
  readonly param: string | null;
  readonly meta: Record<string, unknown> | null;
  readonly retryAfterSeconds: number | null;
  readonly rateLimit: { limit: number; resetSeconds: number } | null;

  constructor(type: ErrorType, description: string, options: ServiceErrorOptions = {}) {
    super(options.message ?? defaultMessages[type], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ServiceError";
    this.type = type;
    this.description = description;
    this.param = options.param ?? null;
    this.meta = options.meta ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.rateLimit = options.rateLimit ?? null;
  }
}

const defaultMessages: Record<ErrorType, string> = {
  validation_error: "Invalid request",
  login_failed: "Invalid email or password",
  unauthorized: "Authentication required",
  forbidden: "Forbidden",
  email_taken: "Email already registered",
  rate_limited: "Too many requests",
  not_found: "Not found",
  idempotency_in_progress: "A request with this Idempotency-Key is still in progress",
  order_not_payable: "Order cannot accept payments",
  invalid_card: "Invalid card",
  invalid_vpa: "Invalid UPI ID",
  payment_failed: "Payment failed",
  payment_not_capturable: "Payment cannot be captured",
  payment_not_refundable: "Payment cannot be refunded",
  refund_exceeds_captured: "Refund exceeds the captured amount",
  idempotency_key_reused: "Idempotency-Key reused with a different request",
  payload_too_large: "Request body too large",
  order_not_cancellable: "Order cannot be cancelled",
  webhook_url_refused: "Webhook URL refused",
  merchant_not_found: "Merchant not found",
  admin_only: "Admin only",
  discount_invalid: "Promo code cannot be applied",
  discount_code_taken: "Promo code already exists",
  payment_action_not_required: "The payment does not need this action",
  payment_not_voidable: "Payment cannot be voided",
  unsupported_media_type: "Unsupported media type",
  payment_method_unusable: "Payment method cannot be used",
  subscription_state_invalid: "Subscription cannot do this in its state",
  invoice_state_invalid: "The invoice's status does not allow this",
  link_not_payable: "Payment link cannot be paid",
  internal_error: "Internal error",
};

export const notFound = (what: string, param: string | null = "id") =>
  new ServiceError("not_found", `${what} not found`, { param });
