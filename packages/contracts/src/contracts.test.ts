import { describe, expect, it } from "vitest";
import {
  amountSchema,
  checkoutToSdkMessageSchema,
  currencyExponents,
  errorCatalogue,
  formatAmount,
  idDescription,
  idSchema,
  orderCreateSchema,
  paymentCreateSchema,
} from "./index.js";

describe("money", () => {
  it("formats minor units with each currency's exponent", () => {
    expect(formatAmount(50000, "INR")).toBe("₹500.00");
    expect(formatAmount(1500, "JPY", "en-US")).toBe("¥1,500");
    expect(formatAmount(1234, "KWD", "en-US")).toMatch(/^KWD\s1\.234$/);
    expect(Object.values(currencyExponents).every((exponent) => [0, 2, 3].includes(exponent))).toBe(true);
  });

  it("accepts only positive safe integers", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e300, "100"]) {
      expect(amountSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
    expect(amountSchema.safeParse(1).success).toBe(true);
  });
});

describe("request schemas", () => {
  it("orders default to INR and refuse unknown or read-only fields", () => {
    expect(orderCreateSchema.parse({ amount: 100 })).toEqual({ amount: 100, currency: "INR" });
    expect(orderCreateSchema.safeParse({ amount: 100, status: "paid" }).success).toBe(false);
    expect(orderCreateSchema.safeParse({ amount: 100, currency: "inr" }).success).toBe(false);
  });

  it("a payment carries exactly its method's details", () => {
    const order_id = "order_abcdefghijklmnop";
    expect(paymentCreateSchema.safeParse({ order_id, method: "upi", vpa: "a@b" }).success).toBe(true);
    expect(paymentCreateSchema.safeParse({ order_id, method: "upi" }).success).toBe(false);
    expect(paymentCreateSchema.safeParse({ order_id, method: "upi", vpa: "a@b", bank: "HDFC" }).success).toBe(false);
  });

  it("ids need their prefix and a well-formed tail", () => {
    expect(idSchema("order").safeParse("order_abcdefgh1234").success).toBe(true);
    for (const bad of ["pay_abcdefgh1234", "order_", "order_abc", "order_abcdefgh1234'--"]) {
      expect(idSchema("order").safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("id descriptions", () => {
  it("name the kind with the right article", () => {
    expect(idDescription("order")).toBe("an order id");
    expect(idDescription("event")).toBe("an event id");
    expect(idDescription("payment")).toBe("a payment id");
    expect(idDescription("balanceTransaction")).toBe("a balance transaction id");
  });

  it("a malformed id's message says what one looks like", () => {
    const result = idSchema("order").safeParse("123");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("must be an order id like order_…");
  });
});

describe("catalogue and protocol", () => {
  it("every error code is unique", () => {
    const codes = Object.values(errorCatalogue).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("messages must carry source, version and channel", () => {
    const good = { source: "paygate", version: 1, channel: "abcdefgh12345678", type: "ready" };
    expect(checkoutToSdkMessageSchema.safeParse(good).success).toBe(true);
    expect(checkoutToSdkMessageSchema.safeParse({ ...good, version: 2 }).success).toBe(false);
    expect(checkoutToSdkMessageSchema.safeParse({ ...good, source: "other" }).success).toBe(false);
  });
});
