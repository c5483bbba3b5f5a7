import { describe, expect, it } from "vitest";
import type { PaymentGateway } from "./index.js";
import { validateOptions } from "./options.js";

const base = { key: "key_test_abc123", orderId: "order_abc12345" };
const checkout = "https://checkout.example.com/";

describe("validateOptions", () => {
  it("returns the checkout URL, preferring options.checkoutUrl over the script's", () => {
    expect(validateOptions(base, checkout).href).toBe(checkout);
    expect(validateOptions({ ...base, checkoutUrl: "http://localhost:3001/pay" }, checkout).href).toBe(
      "http://localhost:3001/pay",
    );
  });

  it("accepts every documented option", () => {
    const full = {
      ...base,
      name: "Acme",
      description: "2 items",
      prefill: { name: "Asha", email: "asha@example.com", contact: "+919999999999" },
      theme: { color: "#0a7" },
      onSuccess: () => {},
      onFailure: () => {},
      onClose: () => {},
    };
    expect(() => validateOptions(full, checkout)).not.toThrow();
  });

  it.each([
    ["options", null],
    ["options", "key_test_abc123"],
    ["key", { orderId: base.orderId }],
    ["key", { ...base, key: "" }],
    ["orderId", { ...base, orderId: 42 }],
    ["name", { ...base, name: 7 }],
    ["prefill", { ...base, prefill: "Asha" }],
    ["prefill", { ...base, prefill: null }],
    ["prefill.email", { ...base, prefill: { email: ["a@b.c"] } }],
    ["theme.color", { ...base, theme: { color: "teal" } }],
    ["theme.color", { ...base, theme: { color: ["#fff"] } }],
    ["onSuccess", { ...base, onSuccess: "handler" }],
    ["onClose", { ...base, onClose: {} }],
    ["checkoutUrl", { ...base, checkoutUrl: "/relative" }],
    ["checkoutUrl", { ...base, checkoutUrl: "javascript:alert(1)" }],
  ])('rejects a bad "%s" with the expected shape', (field, options) => {
    expect(() => validateOptions(options, checkout)).toThrow(
      new TypeError(
        `PaymentGateway.open: invalid "${field}". Expected { key, orderId, name?, description?, checkoutUrl?, ` +
          "prefill.name?, prefill.email?, prefill.contact?, theme.color?: string; onSuccess?, onFailure?, onClose?: function }",
      ),
    );
  });

  it("needs a checkout URL when sdk.js did not provide one (the ESM build)", () => {
    expect(() => validateOptions(base)).toThrow(/invalid "checkoutUrl"/);
  });
});

// Type tests: checked by `tsc` (pnpm typecheck), never called.
function _typeTests(gateway: typeof PaymentGateway) {
  const handle = gateway.open({ ...base, onSuccess: (payment) => payment.signature.toUpperCase() });
  handle.on("payment.failed", (failure) => failure.error.code.toFixed());
  // @ts-expect-error orderId is required
  gateway.open({ key: "key_test_abc123" });
  // @ts-expect-error unknown events are rejected
  handle.on("payment.refunded", () => {});
  // @ts-expect-error the result is the success payload or null
  handle.result.then((result) => result.signature);
}
