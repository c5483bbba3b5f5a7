import { BlockList, isIP } from "node:net";

/**
 * Which proxies in front of the API may be believed about the client's address
 * (`TRUST_PROXY`): none (the socket address is the client), a number of hops, or the addresses
 * and CIDR ranges of the proxies.
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; trusted: BlockList; source: string };

/**
 * Parses `TRUST_PROXY`: unset, `false` or `0` trusts nothing; a whole number N trusts the N
 * nearest hops of X-Forwarded-For; a comma-separated list of addresses and CIDRs trusts those.
 * @example parseTrustProxy("10.0.0.0/8, 127.0.0.1") // { kind: "list", … }
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "false" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Math.min(Number(text), 32) };
  const trusted = new BlockList();
  for (const entry of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = "", prefixText] = entry.split("/");
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUST_PROXY: "${entry}" is neither an address nor a CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefixText === undefined) {
      trusted.addAddress(address, type);
      continue;
    }
    const prefix = Number(prefixText);
    if (!/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) throw new Error(`TRUST_PROXY: bad prefix in "${entry}"`);
    trusted.addSubnet(address, prefix, type);
  }
  return { kind: "list", trusted, source: text };
}

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) is the IPv4 client 1.2.3.4. */
function normalise(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped?.[1] ?? lower;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket's, unless trusted proxies stand between. X-Forwarded-For is
 * read from the right (the nearest hop) and only as far as trust goes, since anything to the
 * left of the first untrusted hop was written by the client itself.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trust: TrustProxy): string {
  const socket = normalise(socketAddress ?? "unknown");
  if (trust.kind === "none" || !forwardedFor) return socket;
  const chain = [...forwardedFor.split(",").map(normalise).filter(Boolean), socket];
  let index = 0;
  if (trust.kind === "hops") index = Math.max(0, chain.length - 1 - trust.hops);
  else {
    index = chain.length - 1;
    while (index > 0 && isTrusted(trust.trusted, chain[index] ?? "")) index--;
  }
  const candidate = chain[index] ?? socket;
  // A proxy only ever writes addresses; anything else came from the client, so it is not used.
  return isIP(candidate) === 0 ? socket : candidate;
}

/**
 * The unit a per-address limit counts: an IPv4 address, or an IPv6 /64 (one subscriber's
 * network; counting single IPv6 addresses would let a client rotate through 2^64 of them).
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.padStart(4, "0"))
    .join(":")}::/64`;
}
