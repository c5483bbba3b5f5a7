import {
  type DeclineCode,
  declineCodes,
  magicCardOutcome,
  magicVpaOutcome,
  type PaymentMethod,
  threeDsOtp,
} from "@paygate/contracts";
import type { DbOrTx } from "../db/client.js";
import type { AuthorizeOutcome, Instrument, Processor, RefundOutcome, SettleOutcome } from "./processor.js";
import { createSimulatedVault } from "./simulated-vault.js";

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
  /**
   * Where the simulated vault keeps saved cards (the API's database: the simulator has no other
   * storage). Without it, saving and charging saved cards throw.
   */
  vaultDb?: DbOrTx;
}

/** The reference of a card whose issuer asks for 3-D Secure (SPEC §6's 4000 0027 6000 3184). */
const CHALLENGE_REFERENCE = "sim:3ds";

const defaultRates: Record<PaymentMethod, number> = { card: 0.95, upi: 0.9, netbanking: 0.95, wallet: 0.95 };

/**
 * The simulated acquirer. Its reference encodes the decided path (`sim:success`, `sim:3ds`,
 * `sim:card_declined`, `sim:random`): enough to finish later without keeping the card.
 */
export function createSimulator(options: SimulatorOptions): Processor {
  const random = options.random ?? Math.random;
  const rates = { ...defaultRates, ...options.successRates };
  const between = (min: number, max: number) => options.delayMs ?? Math.round(min + random() * (max - min));
  const vault = () => {
    if (!options.vaultDb) throw new Error("the simulator was created without a vault database");
    return createSimulatedVault(options.vaultDb);
  };

  function decide(reference: string, method: PaymentMethod): AuthorizeOutcome {
    const path = reference.replace(/^sim:/, "");
    if (path === "success" || path === "refunds_fail" || path === "mit_declined") return { outcome: "authorized" };
    if (path === "3ds") return { outcome: "requires_action" };
    if ((declineCodes as readonly string[]).includes(path)) return { outcome: "failed", code: path as DeclineCode };
    if (options.testMode && options.forceSuccess !== undefined) {
      return options.forceSuccess ? { outcome: "authorized" } : { outcome: "failed", code: methodDecline[method] };
    }
    return random() < rates[method] ? { outcome: "authorized" } : { outcome: "failed", code: methodDecline[method] };
  }

  return {
    async tokenize(instrument: Instrument): Promise<string> {
      // The magic values of SPEC §6, from the one table the checkout banner and README share.
      const magic =
        instrument.method === "card" && instrument.card
          ? magicCardOutcome(instrument.card.number)
          : instrument.method === "upi" && instrument.vpa
            ? magicVpaOutcome(instrument.vpa)
            : undefined;
      if (magic) return `sim:${magic}`;
      return "sim:random";
    },

    async authorize({ reference, method, signal }): Promise<AuthorizeOutcome> {
      const outcome = decide(reference, method);
      // The acquirer has decided; its answer is still on the way back. A worker killed now was
      // told "yes" by nobody it can remember, and must ask again without charging twice.
      if (options.latencyMs) await sleep(options.latencyMs, signal);
      return outcome;
    },

    async saveCard({ reference, idempotencyKey }): Promise<string> {
      return vault().save(reference.replace(/^sim:/, ""), idempotencyKey);
    },

    async chargeByReference({ vaultReference, initiator, signal }): Promise<AuthorizeOutcome> {
      const behaviour = await vault().behaviour(vaultReference);
      let outcome: AuthorizeOutcome;
      if (behaviour === undefined) outcome = { outcome: "failed", code: "card_declined" };
      else if (initiator === "merchant" && behaviour === "3ds") outcome = { outcome: "failed", code: "authentication_required" };
      else if (initiator === "merchant" && behaviour === "mit_declined") outcome = { outcome: "failed", code: "card_declined" };
      else outcome = decide(behaviour, "card");
      if (options.latencyMs) await sleep(options.latencyMs, signal);
      return outcome;
    },

    async authenticate({ otp }): Promise<SettleOutcome> {
      return otp === threeDsOtp ? { outcome: "succeeded" } : { outcome: "failed", code: "authentication_failed" };
    },

    async refund({ reference }): Promise<RefundOutcome> {
      const behaviour = reference.startsWith("sim:") ? reference.slice(4) : await vault().behaviour(reference);
      return behaviour === "refunds_fail" ? { outcome: "failed", code: "refund_failed" } : { outcome: "succeeded" };
    },

    // The challenge is decided from the card alone (its reference), so it needs no delay.
    paymentDelayMs: (reference) => (reference === CHALLENGE_REFERENCE ? 0 : between(5000, 10_000)),
    refundDelayMs: () => between(3000, 5000),
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
  });
}
