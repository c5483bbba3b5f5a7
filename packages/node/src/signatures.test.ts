import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyPaymentSignature } from "./signatures.js";

const secret = "secret_test_xyz789";
const signature = createHmac("sha256", secret).update("order_1|pay_1").digest("hex");

describe("verifyPaymentSignature", () => {
  it("accepts the checkout's signature for the stored order", () => {
    expect(verifyPaymentSignature({ orderId: "order_1", paymentId: "pay_1", signature }, secret)).toBe(true);
  });

  it("rejects another order, another payment, another secret or a truncated signature", () => {
    expect(verifyPaymentSignature({ orderId: "order_2", paymentId: "pay_1", signature }, secret)).toBe(false);
    expect(verifyPaymentSignature({ orderId: "order_1", paymentId: "pay_2", signature }, secret)).toBe(false);
    expect(verifyPaymentSignature({ orderId: "order_1", paymentId: "pay_1", signature }, "secret_other")).toBe(false);
    expect(verifyPaymentSignature({ orderId: "order_1", paymentId: "pay_1", signature: signature.slice(2) }, secret)).toBe(false);
  });
});
