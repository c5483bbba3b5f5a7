import type { PublicPayment, PublicPaymentCreate } from "@paygate/contracts";
import { type ApiClient, ApiRequestError, type CheckoutError, newIdempotencyKey } from "./api-client.js";
import type { Bridge } from "./bridge.js";

export type PaymentDetails = Omit<PublicPaymentCreate, "key" | "order_id">;

export type Stage =
  | { name: "form" }
  | { name: "processing"; paymentId?: string }
  | { name: "otp"; paymentId: string; error?: string }
  /** `captured`: the money is taken and the payment has a receipt (not so for a manual capture). */
  | { name: "succeeded"; paymentId: string; captured: boolean }
  | { name: "failed"; paymentId?: string; error: CheckoutError };

export interface FlowOptions {
  api: ApiClient;
  bridge: Bridge;
  orderId: string;
  onChange(stage: Stage): void;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  newKey?: () => string;
}

const MAX_POLLS = 600;
const MAX_POLL_ERRORS_IN_A_ROW = 5;
const PAYMENT_FAILED_CODE = 1011;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errorOf = (error: unknown): CheckoutError =>
  error instanceof ApiRequestError
    ? error.error
    : { type: "internal_error", code: 1500, description: "Something went wrong. Try again." };

/**
 * One order's payment attempts: submit → poll `GET /payments/:id/public` → maybe the 3-D
 * Secure OTP → succeeded or failed, reporting each step to the SDK. Free of Preact so that
 * payment-flow.test.ts can drive it with a fake API.
 */
export function createPaymentFlow({
  api,
  bridge,
  orderId,
  onChange,
  pollMs = 750,
  sleep = wait,
  newKey = newIdempotencyKey,
}: FlowOptions) {
  let stage: Stage = { name: "form" };
  const set = (next: Stage) => {
    stage = next;
    onChange(next);
  };

  const fail = (error: CheckoutError, paymentId?: string) => {
    bridge.send("payment.failed", { ...(paymentId ? { payment_id: paymentId } : {}), order_id: orderId, error });
    set({ name: "failed", paymentId, error });
  };

  /** Follows a payment until it needs the shopper (OTP) or is final. */
  async function follow(initial: PublicPayment) {
    let payment = initial;
    let errorsInARow = 0;
    for (let polls = 0; polls < MAX_POLLS; polls++) {
      if (payment.status === "requires_action") return set({ name: "otp", paymentId: payment.id });
      if (payment.status === "failed") {
        const type = payment.error_code ?? "payment_failed";
        return fail(
          { type, code: PAYMENT_FAILED_CODE, description: payment.error_description ?? "The payment failed." },
          payment.id,
        );
      }
      // The signature comes with an authorized or captured payment; without one, look again.
      if ((payment.status === "authorized" || payment.status === "captured") && payment.signature) {
        const { id: payment_id, status, signature } = payment;
        bridge.send("payment.succeeded", { payment_id, order_id: orderId, status, signature });
        return set({ name: "succeeded", paymentId: payment.id, captured: status === "captured" });
      }
      await sleep(pollMs);
      try {
        payment = await api.getPayment(payment.id);
        errorsInARow = 0;
      } catch (error) {
        // A network blip, 429 or 5xx must not turn a payment that may yet succeed into a failure.
        const status = error instanceof ApiRequestError ? error.status : 0;
        const transient = status === 0 || status === 429 || status >= 500;
        if (!transient || ++errorsInARow >= MAX_POLL_ERRORS_IN_A_ROW) return fail(errorOf(error), payment.id);
      }
    }
    fail(
      { type: "timeout", code: 0, description: "The payment is taking longer than expected. The shop will confirm it." },
      payment.id,
    );
  }

  return {
    get stage() {
      return stage;
    },
    /** One attempt, with its own Idempotency-Key. */
    async pay(details: PaymentDetails) {
      if (stage.name !== "form") return;
      set({ name: "processing" });
      let payment: PublicPayment;
      try {
        payment = await api.createPayment({ order_id: orderId, ...details }, newKey());
      } catch (error) {
        return fail(errorOf(error));
      }
      bridge.send("payment.submitted", { payment_id: payment.id, order_id: orderId });
      set({ name: "processing", paymentId: payment.id });
      await follow(payment);
    },
    async submitOtp(otp: string) {
      if (stage.name !== "otp") return;
      const { paymentId } = stage;
      if (!/^\d{4,8}$/.test(otp)) return set({ name: "otp", paymentId, error: "Enter the 4 to 8 digit code." });
      set({ name: "processing", paymentId });
      try {
        await follow(await api.authenticate(paymentId, otp));
      } catch (error) {
        fail(errorOf(error), paymentId);
      }
    },
    /** "Try again": back to the form; the next `pay` is a new payment on the same order. */
    retry() {
      if (stage.name === "failed") set({ name: "form" });
    },
  };
}
export type PaymentFlow = ReturnType<typeof createPaymentFlow>;
