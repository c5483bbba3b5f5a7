import type { CheckoutOrder, PublicPayment, PublicPaymentCreate } from "@paygate/contracts";
import { NETWORK_MESSAGE, shopperMessage, unexpectedAnswerMessage } from "./error-messages.js";

/** What the shopper sees and what `payment.failed` carries: the API's error `type`, `code`, text. */
export interface CheckoutError {
  type: string;
  code: number;
  description: string;
}

export class ApiRequestError extends Error {
  constructor(
    readonly error: CheckoutError,
    readonly status: number,
  ) {
    super(error.description);
  }
}

const NETWORK_ERROR: CheckoutError = { type: "network_error", code: 0, description: NETWORK_MESSAGE };

/** A fresh Idempotency-Key for one payment attempt (SPEC §7: one per attempt). */
export function newIdempotencyKey(): string {
  // randomUUID needs a secure context; a checkout reached over plain http still needs a key.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The public checkout endpoints of SPEC §7. Responses are the API's own envelopes, so they are
 * typed from the contracts rather than parsed (zod would not fit the page's JS budget).
 */
export function createApiClient(apiUrl: string, key: string) {
  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${apiUrl}/api/v1${path}`, init);
    } catch {
      throw new ApiRequestError(NETWORK_ERROR, 0);
    }
    const body = (await response.json().catch(() => null)) as
      | { success: true; data: T }
      | { success: false; exception: { type: string; code: number; description: string; message: string } }
      | null;
    if (body?.success) return body.data;
    const exception = body?.success === false ? body.exception : undefined;
    throw new ApiRequestError(
      exception
        ? {
            type: exception.type,
            code: exception.code,
            description: shopperMessage(
              { type: exception.type, description: exception.description || exception.message },
              response.status,
            ),
          }
        : { type: "internal_error", code: 1500, description: unexpectedAnswerMessage(response.status) },
      response.status,
    );
  }
  const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const query = `?key=${encodeURIComponent(key)}`;

  return {
    getOrder: (orderId: string) => call<CheckoutOrder>(`/checkout/orders/${encodeURIComponent(orderId)}${query}`),
    createPayment: (input: Omit<PublicPaymentCreate, "key">, idempotencyKey: string) =>
      call<PublicPayment>("/payments/public", post({ key, ...input }, { "Idempotency-Key": idempotencyKey })),
    getPayment: (paymentId: string) => call<PublicPayment>(`/payments/${encodeURIComponent(paymentId)}/public${query}`),
    /** The captured payment's receipt PDF (a plain link: the browser downloads it). */
    receiptUrl: (paymentId: string) => `${apiUrl}/api/v1/checkout/payments/${encodeURIComponent(paymentId)}/receipt${query}`,
    authenticate: (paymentId: string, otp: string) =>
      call<PublicPayment>(`/payments/${encodeURIComponent(paymentId)}/public/authenticate`, post({ key, otp })),
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
