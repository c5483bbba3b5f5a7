import { describe, expect, it } from "vitest";
import { parseEnv } from "../env.js";
import { createSimulator } from "./simulator.js";

const authorize = async (simulator: ReturnType<typeof createSimulator>, number: string, method: "card" | "upi" = "card") =>
  simulator.authorize({
    reference: await simulator.tokenize(
      method === "card" ? { method, card: { number, expiry: "12/34", cvv: "123" } } : { method, vpa: number },
    ),
    idempotencyKey: `pay_${number}`,
    method,
    amount: 100,
    currency: "INR",
  });

describe("simulator", () => {
  it("a 3-D Secure card is asked at once (the challenge precedes the delay); others wait the delay", async () => {
    const simulator = createSimulator({ testMode: true, delayMs: 8000 });
    const tokenize = (number: string) => simulator.tokenize({ method: "card", card: { number, expiry: "12/34", cvv: "123" } });
    expect(simulator.paymentDelayMs(await tokenize("4000002760003184"))).toBe(0);
    expect(simulator.paymentDelayMs(await tokenize("4242424242424242"))).toBe(8000);
    expect(simulator.paymentDelayMs(await tokenize("4000000000000002"))).toBe(8000);
    expect(await authorize(simulator, "4000002760003184")).toEqual({ outcome: "requires_action" });
  });

  it("card 4000 0000 0000 5126 pays, but its refunds fail with refund_failed", async () => {
    const simulator = createSimulator({ testMode: true });
    const reference = await simulator.tokenize({
      method: "card",
      card: { number: "4000000000005126", expiry: "12/34", cvv: "123" },
    });
    expect(await authorize(simulator, "4000000000005126")).toEqual({ outcome: "authorized" });
    expect(await simulator.refund({ reference, idempotencyKey: "rfnd_1", amount: 100, currency: "INR" })).toEqual({
      outcome: "failed",
      code: "refund_failed",
    });
    const other = await simulator.tokenize({ method: "card", card: { number: "4242424242424242", expiry: "12/34", cvv: "123" } });
    expect(await simulator.refund({ reference: other, idempotencyKey: "rfnd_2", amount: 100, currency: "INR" })).toEqual({
      outcome: "succeeded",
    });
  });

  it("SUCCESS_RATES replaces the random success rate per method", async () => {
    const { successRates } = parseEnv({ TEST_MODE: "true", SUCCESS_RATES: "card=0, upi=1" });
    expect(successRates).toEqual({ card: 0, upi: 1 });
    // A random draw of 0.5 would pass the default 95 % for cards; a rate of 0 refuses it.
    const simulator = createSimulator({ testMode: false, successRates, random: () => 0.5 });
    expect(await authorize(simulator, "4012888888881881")).toEqual({ outcome: "failed", code: "card_declined" });
    expect(await authorize(simulator, "someone@okbank", "upi")).toEqual({ outcome: "authorized" });
    expect(await authorize(createSimulator({ testMode: false, random: () => 0.5 }), "4012888888881881")).toEqual({
      outcome: "authorized",
    });
  });

  it("SUCCESS_RATES refuses unknown methods and rates outside 0…1", () => {
    expect(() => parseEnv({ TEST_MODE: "true", SUCCESS_RATES: "card=1.5" })).toThrow(/SUCCESS_RATES/);
    expect(() => parseEnv({ TEST_MODE: "true", SUCCESS_RATES: "crypto=0.5" })).toThrow(/SUCCESS_RATES/);
    expect(() => parseEnv({ TEST_MODE: "true", SUCCESS_RATES: "card" })).toThrow(/SUCCESS_RATES/);
  });
});
