import { checkoutToSdkMessageSchema } from "@paygate/contracts";
import { describe, expect, it } from "vitest";
import { isCheckoutMessage } from "./messages.js";

const envelope = { source: "paygate", version: 1, channel: "pg1234567890" };
const valid: Record<string, unknown>[] = [
  { ...envelope, type: "ready" },
  { ...envelope, type: "ready", payload: {} },
  { ...envelope, type: "close" },
  { ...envelope, type: "close", payload: { extra: 1 } },
  { ...envelope, type: "payment.submitted", payload: { payment_id: "pay_1", order_id: "order_1" } },
  {
    ...envelope,
    type: "payment.succeeded",
    payload: { payment_id: "pay_1", order_id: "order_1", status: "captured", signature: "ab12" },
  },
  {
    ...envelope,
    type: "payment.failed",
    payload: { payment_id: "pay_1", order_id: "order_1", error: { type: "card_declined", code: 1011, description: "Declined" } },
  },
  { ...envelope, type: "payment.failed", payload: { order_id: "order_1", error: { type: "x", code: 1000, description: "" } } },
  {
    ...envelope,
    type: "error",
    payload: { type: "order_not_payable", code: 1008, description: "Order order_1 is already paid" },
  },
  { ...envelope, type: "error", payload: { type: "network_error", code: 0, description: "" } },
];

const oddValues: unknown[] = [undefined, null, 0, 1.5, -1, 2 ** 60, Number.NaN, "", "x".repeat(65), true, [], ["a"], {}, () => 1];

/** Every sample with one field (at any depth) deleted or replaced by each odd value. */
function* mutations(value: unknown, path: string[] = []): Generator<{ path: string; sample: unknown }> {
  if (typeof value !== "object" || value === null) return;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    const at = [...path, key].join(".");
    const { [key]: _removed, ...without } = value as Record<string, unknown>;
    yield { path: `${at} deleted`, sample: without };
    for (const odd of oddValues) yield { path: `${at}=${String(odd)}`, sample: { ...value, [key]: odd } };
    for (const nested of mutations(child)) {
      yield { path: `${at}.${nested.path}`, sample: { ...value, [key]: nested.sample } };
    }
  }
}

const handPicked: unknown[] = [
  null,
  "paygate",
  [],
  { ...envelope, type: "init", payload: {} },
  { ...envelope, type: "__proto__", payload: {} },
  { ...envelope, type: "constructor" },
  { ...envelope, type: "toString" },
  { ...envelope, version: "1", type: "ready" },
  { ...envelope, version: 2, type: "ready" },
  { ...envelope, source: "other", type: "ready" },
  { ...envelope, channel: "short", type: "ready" },
  { ...envelope, channel: "12345678", type: "ready" },
  { ...envelope, channel: "x".repeat(64), type: "ready" },
  { ...envelope, type: "payment.failed", payload: { order_id: "o", error: { type: "t", code: 1.5, description: "d" } } },
];

describe("isCheckoutMessage mirrors checkoutToSdkMessageSchema", () => {
  const samples = [...valid, ...handPicked, ...valid.flatMap((sample) => [...mutations(sample)].map((m) => m.sample))];

  it("accepts every valid sample", () => {
    for (const sample of valid) expect(isCheckoutMessage(sample), JSON.stringify(sample)).toBe(true);
  });

  it(`agrees with zod on ${samples.length} samples`, () => {
    expect(samples.length).toBeGreaterThan(500);
    const disagreements = samples.filter(
      (sample) => isCheckoutMessage(sample) !== checkoutToSdkMessageSchema.safeParse(sample).success,
    );
    expect(disagreements).toEqual([]);
  });

  it("rejects a valid message on another channel", () => {
    const [ready] = valid;
    expect(isCheckoutMessage(ready, "pg1234567890")).toBe(true);
    expect(isCheckoutMessage(ready, "pg0000000000")).toBe(false);
  });
});
