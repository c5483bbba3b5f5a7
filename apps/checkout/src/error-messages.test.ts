import { declineCodes } from "@paygate/contracts";
import { describe, expect, it } from "vitest";
import { declineMessage, NETWORK_MESSAGE, shopperMessage, unexpectedAnswerMessage } from "./error-messages.js";

// Issue 11 finding 6: every failure read "We could not reach PayGate"-like text, whatever failed.
describe("shopperMessage: the checkout says what failed", () => {
  it.each([
    ["order_not_payable", "The order is paid and accepts no payment", 409, "This order has already been paid."],
    [
      "order_not_payable",
      "The order is cancelled and accepts no payment",
      409,
      "This order was cancelled, so it cannot be paid.",
    ],
    ["unauthorized", "Unknown publishable key", 401, "PayGate did not accept the shop's key"],
    ["not_found", "Order not found", 404, "could not find this order"],
    ["rate_limited", "Too many requests", 429, "Too many attempts"],
    ["internal_error", "Something went wrong", 500, "problem on its side (error 500)"],
    ["invalid_card", "The card number is not valid (checksum)", 400, "The card number is not valid (checksum)"],
  ])("%s (%s) → %s", (type, description, status, expected) => {
    const message = shopperMessage({ type, description }, status);
    expect(message).toContain(expected);
    expect(message).not.toBe(NETWORK_MESSAGE);
  });

  it("an answer that is not PayGate's envelope is not called a network failure either", () => {
    expect(unexpectedAnswerMessage(502)).toContain("502");
    expect(unexpectedAnswerMessage(502)).not.toContain("could not reach");
  });
});

// Issue 19 item 5: the shopper never reads a raw code such as card_declined.
describe("declineMessage: every decline code as a sentence", () => {
  it.each(declineCodes.map((code) => [code]))("%s", (code) => {
    const message = declineMessage(code);
    expect(message).not.toContain(code);
    expect(message).not.toMatch(/[a-z]+_[a-z]+/);
    expect(message).toMatch(/^[A-Z].*\.$/);
    // Each code has its own sentence, not the fallback.
    expect(message).not.toBe(declineMessage("something_new"));
  });

  it("an unknown code still reads as a sentence", () => {
    expect(declineMessage("something_new")).toBe("The payment did not go through. Try again or use another way to pay.");
  });
});
