import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, formatPercent, roleFromToken } from "./format.js";

const token = (payload: unknown) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.signature`;

describe("formatMoney", () => {
  it("uses each currency's exponent", () => {
    expect(formatMoney(50000, "INR")).toBe("₹500.00");
    expect(formatMoney(1500, "JPY")).toMatch(/^(JP)?¥1,500$/);
    expect(formatMoney(1234, "KWD")).toContain("1.234");
  });

  it("falls back to the raw number for a currency it does not know", () => {
    expect(formatMoney(99, "XYZ")).toBe("99 XYZ");
  });
});

describe("formatPercent", () => {
  it("prints the API's percentage as is", () => {
    expect(formatPercent(66.67)).toBe("66.67%");
    expect(formatPercent(100)).toBe("100%");
    expect(formatPercent(Number.NaN)).toBe("0%");
  });
});

describe("formatDate", () => {
  it("shows a dash for null and the raw text for garbage", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("not a date");
    expect(formatDate("2024-05-01T10:00:00.000Z")).toMatch(/2024/);
  });
});

describe("roleFromToken", () => {
  it("reads the role claim", () => {
    expect(roleFromToken(token({ sub: "mer_1", role: "admin" }))).toBe("admin");
    expect(roleFromToken(token({ sub: "mer_1", role: "merchant" }))).toBe("merchant");
  });

  it("returns null for an unknown role or a malformed token", () => {
    expect(roleFromToken(token({ role: "root" }))).toBeNull();
    expect(roleFromToken("garbage")).toBeNull();
    expect(roleFromToken("a.%%%.c")).toBeNull();
  });
});
