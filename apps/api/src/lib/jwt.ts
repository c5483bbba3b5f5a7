import { createHmac } from "node:crypto";
import { z } from "zod";
import { safeEqual } from "./crypto.js";

const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

export const accessClaimsSchema = z.object({
  sub: z.string(),
  role: z.enum(["merchant", "admin"]),
  /** The account's token version when issued; a token from before a bump is refused. */
  ver: z.number().int().min(0).default(0),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

function sign(input: string, secret: string): string {
  return createHmac("sha256", secret).update(input).digest("base64url");
}

/** An HS256 access token valid for `ttlSeconds`. */
export function signAccessToken(
  claims: Pick<AccessClaims, "sub" | "role"> & { ver?: number },
  secret: string,
  ttlSeconds = 900,
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = Buffer.from(JSON.stringify({ ...claims, iat: now, exp: now + ttlSeconds })).toString("base64url");
  const input = `${HEADER}.${payload}`;
  return `${input}.${sign(input, secret)}`;
}

/**
 * Verifies an access token with the algorithm pinned to HS256: any other header (`alg: none`,
 * RS256, extra fields) is refused before the signature is even looked at. Returns null if invalid.
 */
export function verifyAccessToken(token: string, secret: string): AccessClaims | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  if (header !== HEADER) {
    try {
      const decoded = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
      if (decoded?.alg !== "HS256" || Object.keys(decoded).some((key) => key !== "alg" && key !== "typ")) return null;
    } catch {
      return null;
    }
  }
  if (!safeEqual(signature, sign(`${header}.${payload}`, secret))) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = accessClaimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  if (parsed.data.exp <= Math.floor(Date.now() / 1000)) return null;
  return parsed.data;
}
