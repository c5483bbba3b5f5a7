import { cardNetwork, luhnValid } from "@paygate/contracts";
import { describe, expect, it } from "vitest";
import { ServiceError } from "../../lib/errors.js";
import { checkCard, checkVpa } from "./card.js";

const future = "12/99";

describe("card checks", () => {
  it("computes Luhn", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("4242424242424241")).toBe(false);
    expect(luhnValid("4000002760003184")).toBe(true);
  });

  it("detects networks", () => {
    expect(cardNetwork("4242424242424242")).toBe("visa");
    expect(cardNetwork("5555555555554444")).toBe("mastercard");
    expect(cardNetwork("378282246310005")).toBe("amex");
    expect(cardNetwork("6521000000000000")).toBe("rupay");
    expect(cardNetwork("6011111111111117")).toBe("discover");
  });

  const invalid = (card: { number: string; expiry: string; cvv: string }) => {
    try {
      checkCard(card, new Date("2026-11-25T00:00:00Z"));
    } catch (error) {
      return error instanceof ServiceError ? `${error.type}:${error.param}` : "other";
    }
    return "valid";
  };

  it("accepts a valid card with spaces", () => {
    expect(invalid({ number: "4242 4242 4242 4242", expiry: future, cvv: "123" })).toBe("valid");
    expect(invalid({ number: "378282246310005", expiry: future, cvv: "1234" })).toBe("valid");
  });

  it("names the failing field", () => {
    expect(invalid({ number: "4242424242424241", expiry: future, cvv: "123" })).toBe("invalid_card:card.number");
    expect(invalid({ number: "42424242", expiry: future, cvv: "123" })).toBe("invalid_card:card.number");
    expect(invalid({ number: "4242abcd42424242", expiry: future, cvv: "123" })).toBe("invalid_card:card.number");
    expect(invalid({ number: "4242424242424242", expiry: "10/26", cvv: "123" })).toBe("invalid_card:card.expiry");
    expect(invalid({ number: "4242424242424242", expiry: "11/26", cvv: "123" })).toBe("valid");
    expect(invalid({ number: "4242424242424242", expiry: future, cvv: "1234" })).toBe("invalid_card:card.cvv");
    expect(invalid({ number: "378282246310005", expiry: future, cvv: "123" })).toBe("invalid_card:card.cvv");
  });

  it("checks VPAs", () => {
    expect(checkVpa("Success@PayGate")).toBe("success@paygate");
    for (const vpa of ["nohandle", "@bank", "a@", "a b@bank", "x@1bank"]) expect(() => checkVpa(vpa)).toThrow(ServiceError);
  });
});
