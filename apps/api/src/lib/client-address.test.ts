import { describe, expect, it } from "vitest";
import { addressBucket, clientAddress, parseTrustProxy } from "./client-address.js";

describe("client addresses (TRUST_PROXY)", () => {
  it("trusts nothing by default: the socket address, whatever X-Forwarded-For says", () => {
    for (const value of [undefined, "", "false", "0"]) {
      expect(clientAddress("10.0.0.5", "203.0.113.1", parseTrustProxy(value))).toBe("10.0.0.5");
    }
  });

  it("with a hop count, takes the entry the nearest trusted proxy wrote", () => {
    const trust = parseTrustProxy("1");
    expect(clientAddress("10.0.0.5", "203.0.113.1", trust)).toBe("203.0.113.1");
    expect(clientAddress("10.0.0.5", "6.6.6.6, 203.0.113.1", trust)).toBe("203.0.113.1");
    expect(clientAddress("10.0.0.5", "6.6.6.6, 203.0.113.1, 10.0.0.4", parseTrustProxy("2"))).toBe("203.0.113.1");
    expect(clientAddress("10.0.0.5", undefined, trust)).toBe("10.0.0.5");
  });

  it("with CIDRs, walks left past trusted proxies only", () => {
    const trust = parseTrustProxy("10.0.0.0/8, ::1");
    expect(clientAddress("10.0.0.5", "6.6.6.6, 203.0.113.1, 10.1.2.3", trust)).toBe("203.0.113.1");
    expect(clientAddress("::1", "203.0.113.1", trust)).toBe("203.0.113.1");
    // The socket is not a trusted proxy: its header is the client's own writing.
    expect(clientAddress("198.51.100.1", "203.0.113.1", trust)).toBe("198.51.100.1");
    expect(clientAddress("::ffff:10.0.0.5", "203.0.113.1", trust)).toBe("203.0.113.1");
  });

  it("ignores an entry that is not an address", () => {
    expect(clientAddress("10.0.0.5", "not-an-ip", parseTrustProxy("1"))).toBe("10.0.0.5");
  });

  it("refuses a malformed setting", () => {
    expect(() => parseTrustProxy("10.0.0.0/99")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("proxy.local")).toThrow(/TRUST_PROXY/);
  });

  it("counts IPv6 clients per /64", () => {
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe("2001:0db8:0001:0002::/64");
    expect(addressBucket("2001:db8:1:2::ffff")).toBe(addressBucket("2001:db8:1:2:1:2:3:4"));
    expect(addressBucket("203.0.113.1")).toBe("203.0.113.1");
  });
});
