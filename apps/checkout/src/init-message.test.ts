import { sdkToCheckoutMessageSchema } from "@paygate/contracts";
import { describe, expect, it } from "vitest";
import { isInitMessage, readInitMessage } from "./init-message.js";

const channel = "pg1234567890";
const full = {
  source: "paygate",
  version: 1,
  channel,
  type: "init",
  payload: {
    name: "Acme",
    description: "Two mugs",
    prefill: { name: "Asha", email: "asha@example.com", contact: "+91 99999 99999" },
    theme: { color: "#0a7" },
  },
};
const odd: unknown[] = [
  undefined,
  null,
  0,
  true,
  "",
  "x".repeat(21),
  "x".repeat(101),
  "x".repeat(255),
  "x".repeat(256),
  "#12",
  "#123456789",
  "#abc",
  [],
  {},
];

function* mutations(value: unknown): Generator<unknown> {
  if (typeof value !== "object" || value === null) return;
  for (const key of Object.keys(value)) {
    const { [key]: _removed, ...without } = value as Record<string, unknown>;
    yield without;
    for (const replacement of odd) yield { ...value, [key]: replacement };
    for (const nested of mutations((value as Record<string, unknown>)[key])) yield { ...value, [key]: nested };
  }
}

describe("isInitMessage mirrors sdkToCheckoutMessageSchema", () => {
  const samples = [full, { ...full, payload: {} }, [], null, { ...full, type: "ready" }, ...mutations(full)];

  it(`agrees with zod on ${samples.length} samples`, () => {
    expect(samples.length).toBeGreaterThanOrEqual(200);
    const disagreements = samples.filter(
      (sample) => isInitMessage(sample) !== sdkToCheckoutMessageSchema.safeParse(sample).success,
    );
    expect(disagreements).toEqual([]);
  });
});

describe("readInitMessage", () => {
  it("returns the payload of a valid init on our channel", () => {
    expect(readInitMessage(full, channel)).toEqual(full.payload);
    expect(readInitMessage(full, "pg0000000000")).toBeNull();
    expect(readInitMessage({ ...full, version: 2 }, channel)).toBeNull();
  });

  it("keeps the valid fields of a payload with a bad one", () => {
    const payload = { ...full.payload, name: "x".repeat(101), theme: { color: "red" }, prefill: { name: "Asha", contact: 7 } };
    expect(readInitMessage({ ...full, payload }, channel)).toEqual({ description: "Two mugs", prefill: { name: "Asha" } });
  });
});
