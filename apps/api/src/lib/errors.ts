import { type ErrorType, errorCatalogue } from "@paygate/contracts";

/**
 * A domain error. Services throw it; the app's error handler turns it into the §3 envelope.
 * @example throw new ApiError("not_found", "Order not found", { param: "id" })
 */
export class ApiError extends Error {
  readonly type: ErrorType;
  readonly description: string;
  readonly param: string | null;
  readonly meta: Record<string, unknown> | null;
  readonly headers: Record<string, string>;

  constructor(
    type: ErrorType,
    description: string,
    options: { param?: string | null; meta?: Record<string, unknown> | null; message?: string; headers?: Record<string, string> } = {},
  ) {
    super(options.message ?? defaultMessages[type]);
    this.type = type;
    this.description = description;
    this.param = options.param ?? null;
    this.meta = options.meta ?? null;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return errorCatalogue[this.type].status;
  }

  get code(): number {
    return errorCatalogue[this.type].code;
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
  payment_action_not_required: "The payment does not need this action",
  payment_not_voidable: "Payment cannot be voided",
  internal_error: "Internal error",
};

export const notFound = (what: string, param: string | null = "id") =>
  new ApiError("not_found", `${what} not found`, { param });
