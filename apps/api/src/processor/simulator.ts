import { type DeclineCode, type PaymentMethod, declineCodes } from "@paygate/contracts";
import type { AuthorizeOutcome, Instrument, Processor, RefundOutcome, SettleOutcome } from "./processor.js";

/** The magic cards of SPEC §6 and §13 (digits only). */
export const MAGIC_CARDS: Record<string, "success" | "3ds" | "refunds_fail" | DeclineCode> = {
  "4111111111111111": "success",
  "4242424242424242": "success",
  "5555555555554444": "success",
  "4000000000000002": "card_declined",
  "4000000000009995": "insufficient_funds",
  "4000000000000069": "expired_card",
  "4000000000000127": "incorrect_cvc",
  "4000000000000119": "processing_error",
  "4000002760003184": "3ds",
  // Pays, but every refund of it fails asynchronously (SPEC §13).
  "4000000000005126": "refunds_fail",
};

export const MAGIC_VPAS: Record<string, "success" | DeclineCode> = {
  "success@paygate": "success",
  "failure@paygate": "upi_declined",
};

export const THREE_DS_OTP = "123456";

const methodDecline: Record<PaymentMethod, DeclineCode> = {
  card: "card_declined",
  upi: "upi_declined",
  netbanking: "bank_declined",
  wallet: "wallet_declined",
};

export interface SimulatorOptions {
  testMode: boolean;
  /** TEST_MODE only: forces the outcome of non-magic payments. */
  forceSuccess?: boolean;
  /** Overrides both delays (TEST_PROCESSING_DELAY). */
  delayMs?: number;
  /** How long each authorization "talks to the acquirer" inside the worker's job. */
  latencyMs?: number;
  successRates?: Partial<Record<PaymentMethod, number>>;
  random?: () => number;
}

const defaultRates: Record<PaymentMethod, number> = { card: 0.95, upi: 0.9, netbanking: 0.95, wallet: 0.95 };

/**
 * The simulated acquirer. Its reference encodes the decided path (`sim:success`, `sim:3ds`,
 * `sim:card_declined`, `sim:random`): enough to finish later without keeping the card.
 */
export function createSimulator(options: SimulatorOptions): Processor {
  const random = options.random ?? Math.random;
  const rates = { ...defaultRates, ...options.successRates };
  const between = (min: number, max: number) => options.delayMs ?? Math.round(min + random() * (max - min));

  function decide({ reference, method }: { reference: string; method: PaymentMethod }): AuthorizeOutcome {
    const path = reference.replace(/^sim:/, "");
    if (path === "success" || path === "refunds_fail") return { outcome: "authorized" };
    if (path === "3ds") return { outcome: "requires_action" };
    if ((declineCodes as readonly string[]).includes(path)) return { outcome: "failed", code: path as DeclineCode };
    if (options.testMode && options.forceSuccess !== undefined) {
      return options.forceSuccess ? { outcome: "authorized" } : { outcome: "failed", code: methodDecline[method] };
    }
    return random() < rates[method] ? { outcome: "authorized" } : { outcome: "failed", code: methodDecline[method] };
  }

  return {
    tokenize(instrument: Instrument): string {
      if (instrument.method === "card" && instrument.card) {
        const magic = MAGIC_CARDS[instrument.card.number.replace(/\D/g, "")];
        if (magic) return `sim:${magic}`;
      }
      if (instrument.method === "upi" && instrument.vpa) {
        const magic = MAGIC_VPAS[instrument.vpa.toLowerCase()];
        if (magic) return `sim:${magic}`;
      }
      return "sim:random";
    },

    async authorize(input): Promise<AuthorizeOutcome> {
      const outcome = decide(input);
      // The acquirer has decided; its answer is still on the way back. A worker killed now has
      // been told "yes" by nobody it can remember, and must ask again without charging twice.
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      return outcome;
    },

    async authenticate({ otp }): Promise<SettleOutcome> {
      return otp === THREE_DS_OTP ? { outcome: "succeeded" } : { outcome: "failed", code: "authentication_failed" };
    },

    async refund({ reference }): Promise<RefundOutcome> {
      return reference === "sim:refunds_fail" ? { outcome: "failed", code: "refund_failed" } : { outcome: "succeeded" };
    },

    paymentDelayMs: () => between(5000, 10_000),
    refundDelayMs: () => between(3000, 5000),
  };
}
