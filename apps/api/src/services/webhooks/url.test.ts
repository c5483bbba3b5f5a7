import { describe, expect, it } from "vitest";
import { parseEnv } from "../../env.js";
import { assertWebhookUrlAllowed, isBlockedAddress } from "./url.js";

const guarded = { config: parseEnv({ TEST_MODE: "true", ALLOW_PRIVATE_WEBHOOK_URLS: "false" }) };
const permissive = { config: parseEnv({ TEST_MODE: "true" }) };

describe("isBlockedAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback /8"],
    ["0.0.0.0", "unspecified"],
    ["10.0.0.5", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["100.64.0.1", "CGNAT"],
    ["169.254.169.254", "metadata"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::1", "IPv6 loopback"],
    ["::", "IPv6 unspecified"],
    ["fe80::1", "IPv6 link-local"],
    ["fe80::1%eth0", "IPv6 link-local with zone"],
    ["fd00:ec2::254", "AWS metadata over IPv6"],
    ["fc00::1", "unique local"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:7f00:1", "IPv4-mapped loopback, hex"],
    ["::ffff:a9fe:a9fe", "IPv4-mapped metadata"],
    ["0:0:0:0:0:ffff:a00:5", "IPv4-mapped private, long form"],
    ["::7f00:1", "IPv4-compatible loopback"],
    ["64:ff9b::7f00:1", "NAT64 loopback"],
    ["2002:a9fe:a9fe::1", "6to4 metadata"],
    // Issue 11 finding 5: IPv4-translated and local-use NAT64 ranges.
    ["::ffff:0:7f00:1", "IPv4-translated loopback"],
    ["::ffff:0:a00:5", "IPv4-translated private"],
    ["::ffff:0:808:808", "IPv4-translated (whole ::ffff:0:0:0/96)"],
    ["64:ff9b:1::a00:5", "local-use NAT64 (64:ff9b:1::/48)"],
    ["64:ff9b:1:ffff::808:808", "local-use NAT64, any address in the /48"],
    ["not-an-ip", "not an address"],
  ])("blocks %s (%s)", (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
  ])("allows the public address %s", (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });
});

describe("assertWebhookUrlAllowed", () => {
  it.each([
    "http://127.0.0.1/hook",
    "http://localhost/hook",
    "http://localhost./hook",
    "http://shop.localhost:3000/hook",
    "http://[::1]/hook",
    "http://0.0.0.0/hook",
    "http://10.0.0.5/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]/hook",
    "http://2130706433/hook",
    "http://0177.0.0.1/hook",
    "https://100.100.100.200/hook",
  ])("refuses %s when private URLs are not allowed", async (url) => {
    await expect(assertWebhookUrlAllowed(guarded, url)).rejects.toMatchObject({
      type: "webhook_url_refused",
      param: "webhook_url",
    });
  });

  it.each([
    "file:///etc/passwd",
    "gopher://example.com/_x",
    "ftp://example.com/",
    "http://user:secret@example.com/",
    "not a url",
  ])("refuses %s even when private URLs are allowed", async (url) => {
    await expect(assertWebhookUrlAllowed(permissive, url)).rejects.toMatchObject({ type: "webhook_url_refused" });
    await expect(assertWebhookUrlAllowed(guarded, url)).rejects.toMatchObject({ type: "webhook_url_refused" });
  });

  it("accepts a public IP literal without a lookup, and loopback when private URLs are allowed", async () => {
    await expect(assertWebhookUrlAllowed(guarded, "https://93.184.216.34/hook")).resolves.toEqual(["93.184.216.34"]);
    await expect(assertWebhookUrlAllowed(permissive, "http://localhost:4000/webhooks/paygate")).resolves.toEqual([]);
  });

  describe("scheme and port policy outside TEST_MODE (issue 11 finding 5)", () => {
    const production = (extra: Record<string, string> = {}) => ({
      config: parseEnv({ TEST_MODE: "false", JWT_SECRET: "x".repeat(32), ...extra }),
    });
    it.each([
      "http://93.184.216.34/hook",
      "https://93.184.216.34:8080/hook",
      "https://93.184.216.34:80/hook",
      "http://93.184.216.34:443/hook",
    ])("refuses %s by default", async (url) => {
      await expect(assertWebhookUrlAllowed(production(), url)).rejects.toMatchObject({ type: "webhook_url_refused" });
    });
    it("accepts https on 443 and 8443; WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOWED_PORTS widen it", async () => {
      await expect(assertWebhookUrlAllowed(production(), "https://93.184.216.34/hook")).resolves.toEqual(["93.184.216.34"]);
      await expect(assertWebhookUrlAllowed(production(), "https://93.184.216.34:8443/hook")).resolves.toHaveLength(1);
      const wide = production({ WEBHOOK_ALLOW_HTTP: "true", WEBHOOK_ALLOWED_PORTS: "80,443,9000" });
      await expect(assertWebhookUrlAllowed(wide, "http://93.184.216.34/hook")).resolves.toHaveLength(1);
      await expect(assertWebhookUrlAllowed(wide, "https://93.184.216.34:9000/hook")).resolves.toHaveLength(1);
      await expect(assertWebhookUrlAllowed(wide, "https://93.184.216.34:8443/hook")).rejects.toMatchObject({
        type: "webhook_url_refused",
      });
      expect(() => parseEnv({ TEST_MODE: "true", WEBHOOK_ALLOWED_PORTS: "443,abc" })).toThrow(/WEBHOOK_ALLOWED_PORTS/);
    });
    it("TEST_MODE keeps http and any port", async () => {
      await expect(assertWebhookUrlAllowed(permissive, "http://localhost:4000/hook")).resolves.toEqual([]);
    });
  });

  it("allows private URLs by default only in TEST_MODE", () => {
    expect(parseEnv({ TEST_MODE: "true" }).allowPrivateWebhookUrls).toBe(true);
    expect(parseEnv({ TEST_MODE: "false", JWT_SECRET: "x".repeat(32) }).allowPrivateWebhookUrls).toBe(false);
  });
});
