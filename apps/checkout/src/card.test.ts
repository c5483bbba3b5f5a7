import { describe, expect, it } from "vitest";
import { cardNetwork, formatCardNumber, formatExpiry, luhnValid, validateCard, validateVpa } from "./card.js";

describe("card formatting", () => {
  it.each([
    ["4242424242424242", "4242 4242 4242 4242"],
    ["4242 4242-4242", "4242 4242 4242"],
    ["378282246310005", "3782 822463 10005"],
    ["3782822463100051234", "3782 822463 10005"],
    ["42424242424242424242424", "4242 4242 4242 4242 424"],
    ["", ""],
  ])("formats %s as %s", (input, output) => expect(formatCardNumber(input)).toBe(output));

  it.each([
    ["1", false, "1"],
    ["4", false, "04/"],
    ["12", false, "12/"],
    ["12", true, "12"],
    ["1228", false, "12/28"],
    ["12/289", false, "12/28"],
  ])("formats expiry %s (deleting: %s) as %s", (input, deleting, output) => expect(formatExpiry(input, deleting)).toBe(output));

  it.each([
    ["4111111111111111", "visa"],
    ["5555555555554444", "mastercard"],
    ["2221000000000009", "mastercard"],
    ["378282246310005", "amex"],
    ["6521000000000000", "rupay"],
    ["6445644564456445", "discover"],
    ["6011111111111117", "discover"],
    ["3530111333300000", "jcb"],
    ["30569309025904", "diners"],
    ["9999", "unknown"],
  ])("detects %s as %s", (digits, network) => expect(cardNetwork(digits)).toBe(network));
});

describe("card checks", () => {
  const now = new Date("2030-06-15T00:00:00Z");
  const card = { number: "4242 4242 4242 4242", expiry: "06/30", cvv: "123", name: "" };

  it("accepts a valid card expiring this month", () => expect(validateCard(card, now)).toEqual({}));

  it("runs Luhn", () => {
    expect(luhnValid("4000002760003184")).toBe(true);
    expect(luhnValid("4242424242424241")).toBe(false);
    expect(validateCard({ ...card, number: "4242 4242 4242 4241" }, now).number).toMatch(/not valid/);
  });

  it("rejects past and malformed expiries", () => {
    expect(validateCard({ ...card, expiry: "05/30" }, now).expiry).toBe("This card has expired.");
    expect(validateCard({ ...card, expiry: "13/31" }, now).expiry).toMatch(/MM\/YY/);
    expect(validateCard({ ...card, expiry: "1" }, now).expiry).toMatch(/MM\/YY/);
  });

  it("wants 4 CVV digits for Amex and 3 otherwise", () => {
    expect(validateCard({ ...card, cvv: "1234" }, now).cvv).toMatch(/3-digit/);
    expect(validateCard({ ...card, number: "378282246310005", cvv: "1234" }, now)).toEqual({});
  });

  it("checks UPI IDs like the API", () => {
    expect(validateVpa("success@paygate")).toBeUndefined();
    expect(validateVpa("no-handle")).toMatch(/name@bank/);
    expect(validateVpa("")).toMatch(/Enter/);
  });
});
