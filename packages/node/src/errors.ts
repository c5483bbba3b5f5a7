import { type ErrorEnvelope, type ErrorType, errorEnvelopeSchema } from "@paygate/contracts";

/**
 * `type` values the client adds for failures that never produced an API envelope:
 * the request did not reach the API, or something between answered with a non-PayGate body.
 */
export type ClientErrorType = "connection_error" | "invalid_response";

/**
 * An API call that did not succeed. Carries the SPEC §3 envelope fields, so callers branch on
 * the stable `type` (`error.type === "payment_not_capturable"`), never on the message.
 * @example
 * try { await paygate.payments.capture(id) }
 * catch (error) { if (error instanceof PayGateError && error.type === "payment_not_capturable") … }
 */
export class PayGateError extends Error {
  override readonly name = "PayGateError";
  /** Stable machine-readable name from SPEC §3, or a client-side `ClientErrorType`. */
  readonly type: ErrorType | ClientErrorType;
  /** Numeric code from SPEC §3 (0 for client-side errors). */
  readonly code: number;
  /** HTTP status (0 when no response arrived). */
  readonly status: number;
  readonly description: string;
  /** The request field at fault, e.g. `"card.number"`. */
  readonly param: string | null;
  readonly meta: Record<string, unknown> | null;
  /** `req_…`: quote it when asking for help. */
  readonly requestId: string | null;
  /** Seconds to wait before retrying, from `Retry-After` (rate limits). */
  readonly retryAfter: number | null;

  constructor(init: {
    type: ErrorType | ClientErrorType;
    code: number;
    status: number;
    message: string;
    description: string;
    param?: string | null;
    meta?: Record<string, unknown> | null;
    requestId?: string | null;
    retryAfter?: number | null;
    cause?: unknown;
  }) {
    super(`${init.message}: ${init.description}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.type = init.type;
    this.code = init.code;
    this.status = init.status;
    this.description = init.description;
    this.param = init.param ?? null;
    this.meta = init.meta ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }
}

/** Builds the error for a non-2xx response from its (already read) body text. */
export function errorFromResponse(response: Response, bodyText: string): PayGateError {
  const requestId = response.headers.get("x-request-id");
  const retryAfterHeader = response.headers.get("retry-after");
  const retryAfter = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
  const envelope = parseEnvelope(bodyText);
  if (!envelope) {
    return new PayGateError({
      type: "invalid_response",
      code: 0,
      status: response.status,
      message: "Unexpected response",
      description: `HTTP ${response.status} without a PayGate error body`,
      requestId,
      retryAfter,
    });
  }
  const { exception } = envelope;
  return new PayGateError({
    // The API only sends catalogue types; a newer server's unknown type is still passed through.
    type: exception.type as ErrorType,
    code: exception.code,
    status: response.status,
    message: exception.message,
    description: exception.description,
    param: exception.param,
    meta: exception.meta,
    requestId: exception.request_id || requestId,
    retryAfter,
  });
}

function parseEnvelope(bodyText: string): ErrorEnvelope | null {
  try {
    const parsed = errorEnvelopeSchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Why `verifyWebhook` refused a request; a receiver answers 400 for any of them. */
export type WebhookVerificationReason =
  | "missing_headers"
  | "invalid_timestamp"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "invalid_secret"
  | "no_matching_signature"
  | "invalid_payload";

/**
 * A webhook that must not be trusted. `reason` says why, for logs; never process the body.
 */
export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
