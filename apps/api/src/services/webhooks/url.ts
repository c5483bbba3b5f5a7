import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { ServiceError } from "../../lib/errors.js";
import type { ServiceContext } from "../context.js";

/** Addresses a webhook may never reach unless private URLs are allowed (SSRF guard). */
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // unspecified / "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT (also Alibaba's metadata service, 100.100.100.200)
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments (Oracle's metadata, 192.0.0.192)
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT): a translator's view of IPv4 hosts, never a public receiver
  ["64:ff9b:1::", 48], // local-use NAT64 (RFC 8215): reaches the operator's own IPv4 networks
  ["fc00::", 7], // unique local (includes AWS's fd00:ec2::254 metadata)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // deprecated site-local, still routed internally by some networks
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** The 8 16-bit groups of an IPv6 literal (a trailing dotted IPv4 becomes two groups). */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.some((g) => Number.isNaN(g)) ? null : groups;
}

/**
 * The IPv4 address an IPv6 one carries and would reach: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). Without this,
 * `[::ffff:7f00:1]` or `[64:ff9b::a00:5]` would slip past the IPv4 rules.
 */
function embeddedIpv4(groups: number[]): string | null {
  const v4 = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join(".");
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  const [g0, g1, g2, , , g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  if (zeros(0, 5) && (g5 === 0xffff || g5 === 0) && !(g5 === 0 && g6 === 0)) return v4(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && zeros(2, 6)) return v4(g6, g7);
  if (g0 === 0x2002) return v4(g1, g2);
  return null;
}

/** True when `address` (a literal IP) is loopback, private, link-local, CGNAT, unspecified or metadata. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true; // not an IP at all: refuse rather than guess
  const groups = ipv6Groups(address);
  if (!groups) return true;
  const v4 = embeddedIpv4(groups);
  if (v4 !== null && blocked.check(v4, "ipv4")) return true;
  return blocked.check(address.replace(/%.*$/, ""), "ipv6");
}

function refuseAs(description: string, param: string): ServiceError {
  return new ServiceError("webhook_url_refused", description, { param });
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/**
 * The scheme and port policy (SPEC §8): outside TEST_MODE only https on 443 or 8443 unless
 * `WEBHOOK_ALLOW_HTTP` / `WEBHOOK_ALLOWED_PORTS` widen it, so a webhook cannot be aimed at an
 * internal service's plaintext port. Null when `url` is acceptable; checked at save and at send.
 */
export function webhookUrlPolicyProblem(
  config: Pick<ServiceContext["config"], "webhookAllowHttp" | "webhookAllowedPorts">,
  url: URL,
): string | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Webhook URLs must use http or https";
  if (url.protocol === "http:" && !config.webhookAllowHttp) return "Webhook URLs must use https";
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  if (config.webhookAllowedPorts && (port === undefined || !config.webhookAllowedPorts.includes(port))) {
    return `Webhook URLs must use port ${config.webhookAllowedPorts.join(" or ")}`;
  }
  return null;
}

/**
 * Parses a webhook URL and, unless private URLs are allowed, resolves its host and refuses it
 * when any address is internal. This is the save-time check; at send time the delivery's DNS
 * lookup applies `isBlockedAddress` to the address it actually connects to (DNS rebinding).
 * Returns the addresses it resolved to (none when private URLs are allowed).
 */
export async function assertWebhookUrlAllowed(
  ctx: Pick<ServiceContext, "config">,
  raw: string,
  param = "webhook_url",
): Promise<string[]> {
  const refuse = (description: string) => refuseAs(description, param);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("The webhook URL is not a valid absolute URL");
  }
  const problem = webhookUrlPolicyProblem(ctx.config, url);
  if (problem) throw refuse(problem);
  if (url.username || url.password) throw refuse("Webhook URLs must not carry credentials");
  if (!url.hostname) throw refuse("The webhook URL has no host");
  if (ctx.config.allowPrivateWebhookUrls) return [];
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    // Resolvers map these to loopback without asking DNS; refuse without a lookup.
    if (host === "localhost" || host.endsWith(".localhost")) throw refuse("Webhook URLs must not point at this machine");
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      throw refuse(`The webhook host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0 || addresses.some(isBlockedAddress)) {
    throw refuse("Webhook URLs must not resolve to loopback, private, link-local, CGNAT or metadata addresses");
  }
  return addresses;
}
