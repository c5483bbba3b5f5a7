import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signAccessToken, verifyAccessToken } from "./jwt.js";

const secret = "a-test-secret-that-is-long-enough-123";
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const sign = (input: string, key = secret) => createHmac("sha256", key).update(input).digest("base64url");

describe("access tokens", () => {
  it("round-trips claims", () => {
    const token = signAccessToken({ sub: "mer_abcdefgh1234", role: "merchant" }, secret);
    expect(verifyAccessToken(token, secret)).toMatchObject({ sub: "mer_abcdefgh1234", role: "merchant" });
  });

  it("refuses alg none", () => {
    const payload = b64({ sub: "mer_x", role: "admin", iat: 1, exp: 9_999_999_999 });
    expect(verifyAccessToken(`${b64({ alg: "none", typ: "JWT" })}.${payload}.`, secret)).toBeNull();
    expect(
      verifyAccessToken(`${b64({ alg: "none" })}.${payload}.${sign(`${b64({ alg: "none" })}.${payload}`)}`, secret),
    ).toBeNull();
  });

  it("refuses another algorithm even with a valid HMAC", () => {
    const header = b64({ alg: "HS512", typ: "JWT" });
    const payload = b64({ sub: "mer_x", role: "admin", iat: 1, exp: 9_999_999_999 });
    expect(verifyAccessToken(`${header}.${payload}.${sign(`${header}.${payload}`)}`, secret)).toBeNull();
  });

  it("refuses a wrong signature", () => {
    const token = signAccessToken({ sub: "mer_x", role: "merchant" }, "another-secret-of-sufficient-length-xx");
    expect(verifyAccessToken(token, secret)).toBeNull();
  });

  it("refuses an expired token", () => {
    const token = signAccessToken({ sub: "mer_x", role: "merchant" }, secret, -10);
    expect(verifyAccessToken(token, secret)).toBeNull();
  });

  it("refuses a tampered payload", () => {
    const [header, , signature] = signAccessToken({ sub: "mer_x", role: "merchant" }, secret).split(".");
    const forged = b64({ sub: "mer_x", role: "admin", iat: 1, exp: 9_999_999_999 });
    expect(verifyAccessToken(`${header}.${forged}.${signature}`, secret)).toBeNull();
  });

  it("refuses garbage", () => {
    for (const token of ["", "a.b", "a.b.c.d", "...", "eyJ.eyJ.sig"]) expect(verifyAccessToken(token, secret)).toBeNull();
  });
});
