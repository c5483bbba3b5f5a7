import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { ApiError } from "../lib/errors.js";
import type { ServiceContext } from "./context.js";

/** Addresses a webhook may never reach unless private URLs are allowed (SSRF guard). */
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // unspecified / "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8],
  ["fd00:ec2::", 32], // AWS metadata over IPv6
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** True when `address` (a literal IP) is loopback, private, link-local, CGNAT, unspecified or metadata. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d or ::ffff:7f00:1) and IPv4-compatible addresses: judge the IPv4 inside.
  const mapped = lower.match(/^::(?:ffff:)?(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/);
  if (mapped) {
    const v4 = mapped[1] ?? hexPairToIpv4(mapped[2] as string, mapped[3] as string);
    return blocked.check(v4, "ipv4");
  }
  return blocked.check(address, "ipv6");
}

function hexPairToIpv4(high: string, low: string): string {
  const h = Number.parseInt(high, 16);
  const l = Number.parseInt(low, 16);
  return [h >> 8, h & 255, l >> 8, l & 255].join(".");
}

function refuse(description: string): ApiError {
  return new ApiError("webhook_url_refused", description, { param: "webhook_url" });
}

/**
 * Parses a webhook URL and, unless private URLs are allowed, resolves its host and refuses it
 * when any address is internal. Called at save time and again right before each send.
 * Returns the addresses it resolved to.
 */
export async function assertWebhookUrlAllowed(ctx: Pick<ServiceContext, "config">, raw: string): Promise<string[]> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("The webhook URL is not a valid absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refuse("Webhook URLs must use http or https");
  if (url.username || url.password) throw refuse("Webhook URLs must not carry credentials");
  if (ctx.config.allowPrivateWebhookUrls) return [];
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    if (host === "localhost" || host.endsWith(".localhost")) throw refuse("Webhook URLs must not point at this machine");
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      throw refuse(`The webhook host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0 || addresses.some(isBlockedAddress)) {
    throw refuse("Webhook URLs must not resolve to loopback, private, link-local or metadata addresses");
  }
  return addresses;
}
