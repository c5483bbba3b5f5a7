import type { DeclineCode, PaymentMethod, RefundErrorCode } from "@paygate/contracts";

/** What the shopper entered. It reaches the processor once, in the request, and is never stored. */
export interface Instrument {
  method: PaymentMethod;
  card?: { number: string; expiry: string; cvv: string };
  vpa?: string;
  bank?: string;
  wallet?: string;
}

export type AuthorizeOutcome =
  | { outcome: "authorized" }
  | { outcome: "requires_action" }
  | { outcome: "failed"; code: DeclineCode };

export type SettleOutcome = { outcome: "succeeded" } | { outcome: "failed"; code: DeclineCode };

export type RefundOutcome = { outcome: "succeeded" } | { outcome: "failed"; code: RefundErrorCode };

/**
 * The acquirer boundary. Routes and services only talk to this; the simulator implements it
 * today and a real connector could replace it without touching them.
 */
export interface Processor {
  /** In the request: exchanges the raw instrument for an opaque reference (a real vault is a network call). */
  tokenize(instrument: Instrument): Promise<string>;
  /**
   * In a worker: authorizes a payment by its reference. `idempotencyKey` (the payment id) lets
   * the acquirer answer a retried call without charging twice; `signal` cancels a call whose
   * job the worker no longer holds.
   */
  authorize(input: {
    reference: string;
    idempotencyKey: string;
    method: PaymentMethod;
    amount: number;
    currency: string;
    signal?: AbortSignal;
  }): Promise<AuthorizeOutcome>;
  /**
   * In a worker, once a payment the shopper asked to save succeeded: stores the card behind
   * `reference` (from `tokenize`) in the processor's vault and returns the vault's reference,
   * which charges the card later without the PAN. `idempotencyKey` (the payment id) returns the
   * same reference when asked again.
   */
  saveCard(input: { reference: string; idempotencyKey: string; signal?: AbortSignal }): Promise<string>;
  /**
   * In a worker: charges a saved card by its vault reference. `initiator` says whether the
   * shopper is present (a one-tap payment in the checkout, which may still ask for 3-D Secure)
   * or the merchant charges without them (a renewal, which cannot: `authentication_required`).
   */
  chargeByReference(input: {
    vaultReference: string;
    initiator: "customer" | "merchant";
    idempotencyKey: string;
    amount: number;
    currency: string;
    signal?: AbortSignal;
  }): Promise<AuthorizeOutcome>;
  /** The 3-D Secure step for a payment in `requires_action`. */
  authenticate(input: { reference: string; otp: string }): Promise<SettleOutcome>;
  /** In a worker: sends a refund to the acquirer. */
  refund(input: {
    reference: string;
    idempotencyKey: string;
    amount: number;
    currency: string;
    signal?: AbortSignal;
  }): Promise<RefundOutcome>;
  /**
   * How long a payment waits before a worker asks the acquirer to authorize it. A payment the
   * acquirer will challenge (3-D Secure) is asked at once: the challenge comes back before any
   * authorization, so the shopper sees the OTP step without sitting through the processing
   * delay; the OTP (`authenticate`) then completes the authorization.
   */
  paymentDelayMs(reference: string): number;
  /** How long a refund waits before a worker processes it. */
  refundDelayMs(): number;
}
