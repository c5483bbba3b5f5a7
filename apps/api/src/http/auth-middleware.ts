import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { MerchantRow } from "../db/schema/index.js";
import { addressBucket, clientAddress, type TrustProxy } from "../lib/client-address.js";
import { ServiceError } from "../lib/errors.js";
import { verifyAccessToken } from "../lib/jwt.js";
import { accountForAccessToken, authenticateApiKey } from "../services/auth/auth.js";
import type { ServiceContext } from "../services/context.js";
import { createRateLimiter, type RateLimiter, type RateLimitResult, rateLimited } from "../services/infra/rate-limits.js";
import type { AppEnv } from "./types.js";

const unauthorized = () =>
  new ServiceError("unauthorized", "Send X-Api-Key + X-Api-Secret, HTTP Basic key:secret, or a Bearer access token");

/** A publishable key or an API secret: what a newcomer pastes after "Bearer" first. */
const API_CREDENTIAL = /^(key|secret)_(test|live)_/;

/** Bearer takes only the dashboard's access tokens: say how API credentials are sent instead. */
const bearerCredentialHint = (value: string) =>
  new ServiceError(
    "unauthorized",
    `Bearer takes a dashboard access token, not an API ${value.startsWith("key_") ? "key" : "secret"}. ` +
      "Send the key and secret as X-Api-Key and X-Api-Secret headers, or as HTTP Basic auth (curl -u key_…:secret_…)",
    { param: "Authorization" },
  );

/** Resolves the caller from API key + secret (headers or Basic) or a Bearer access token. */
async function authenticate(ctx: ServiceContext, c: Context): Promise<MerchantRow> {
  const authorization = c.req.header("authorization");
  if (authorization) {
    const [scheme, value] = authorization.split(" ", 2);
    if (scheme?.toLowerCase() === "bearer" && value) {
      if (API_CREDENTIAL.test(value)) throw bearerCredentialHint(value);
      const claims = verifyAccessToken(value, ctx.config.jwtSecret);
      const account = claims ? await accountForAccessToken(ctx, claims) : null;
      if (!account) throw new ServiceError("unauthorized", "The access token is invalid or expired");
      return account;
    }
    if (scheme?.toLowerCase() === "basic" && value) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const account = colon > 0 ? await authenticateApiKey(ctx, decoded.slice(0, colon), decoded.slice(colon + 1)) : null;
      if (!account) throw new ServiceError("unauthorized", "The API key or secret is invalid");
      return account;
    }
    throw unauthorized();
  }
  const apiKey = c.req.header("x-api-key");
  const apiSecret = c.req.header("x-api-secret");
  if (apiKey && apiSecret) {
    const account = await authenticateApiKey(ctx, apiKey, apiSecret);
    if (!account) throw new ServiceError("unauthorized", "The API key or secret is invalid");
    return account;
  }
  throw unauthorized();
}

function setRateLimitHeaders(c: Context, result: RateLimitResult) {
  c.header("RateLimit-Limit", String(result.limit));
  c.header("RateLimit-Remaining", String(result.remaining));
  c.header("RateLimit-Reset", String(result.resetSeconds));
}

/** Counts a hit and throws 429 (with `Retry-After`) once the sliding minute's limit is spent. */
async function enforceRateLimit(limiter: RateLimiter, ctx: ServiceContext, c: Context, key: string, limit: number) {
  const result = await limiter.hit(ctx, key, limit);
  setRateLimitHeaders(c, result);
  if (!result.allowed) throw rateLimited(result, `Rate limit of ${limit} requests per minute exceeded`);
}

/** The caller's address as `TRUST_PROXY` allows it to be read (SPEC §3). */
export function clientIp(c: Context, trust: TrustProxy = { kind: "none" }): string {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    // in-process requests (tests) have no socket
  }
  return clientAddress(socket, c.req.header("x-forwarded-for"), trust);
}

/** The publishable key a public checkout request names (`?key=` or the JSON body's `key`). */
async function publishableKeyOf(c: Context): Promise<string | null> {
  const fromQuery = c.req.query("key");
  if (fromQuery) return fromQuery;
  if (!/^application\/json/i.test(c.req.header("content-type") ?? "")) return null;
  try {
    // Hono caches the body text, so the route's validator reads the same body after this.
    const body: unknown = await c.req.json();
    const key = typeof body === "object" && body !== null && "key" in body ? body.key : null;
    return typeof key === "string" && key.length <= 100 ? key : null;
  } catch {
    return null; // the validator answers malformed JSON
  }
}

export function createAuthMiddleware(ctx: ServiceContext) {
  const limiter = createRateLimiter();
  const limit = (c: Context, key: string, perMinute: number) => enforceRateLimit(limiter, ctx, c, key, perMinute);
  const addressOf = (c: Context) => addressBucket(clientIp(c, ctx.config.trustProxy));
  const requireMerchant: MiddlewareHandler<AppEnv> = async (c, next) => {
    const account = await authenticate(ctx, c);
    if (account.role !== "merchant") throw new ServiceError("forbidden", "Merchant endpoints need a merchant account");
    await limit(c, `api:${account.id}`, ctx.config.rateLimitApiPerMin);
    c.set("account", account);
    await next();
  };

  const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
    const account = await authenticate(ctx, c);
    if (account.role !== "admin") throw new ServiceError("admin_only", "This endpoint is for admins only");
    await limit(c, `api:${account.id}`, ctx.config.rateLimitApiPerMin);
    c.set("account", account);
    await next();
  };

  /** Any signed-in account, merchant or admin (the TEST_MODE clock is shared by both). */
  const requireAccount: MiddlewareHandler<AppEnv> = async (c, next) => {
    const account = await authenticate(ctx, c);
    await limit(c, `api:${account.id}`, ctx.config.rateLimitApiPerMin);
    c.set("account", account);
    await next();
  };

  /** Login and registration: the budget a password guesser spends, per client address. */
  const authRateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
    await limit(c, `auth:${addressOf(c)}`, ctx.config.rateLimitAuthPerMin);
    await next();
  };

  /** Refresh and logout: a budget of their own, so a busy dashboard never spends the login budget. */
  const sessionRateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
    await limit(c, `session:${addressOf(c)}`, ctx.config.rateLimitRefreshPerMin);
    await next();
  };

  /**
   * Public checkout endpoints (SPEC §7): limited per client address first, then against a high
   * per-key ceiling that only requests which reached the merchant's order or payment count
   * towards: a stranger's unknown ids (404) or unknown keys (401) neither spend the merchant's
   * budget nor create a counter row.
   */
  const publicRateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
    await limit(c, `pub-ip:${addressOf(c)}`, ctx.config.rateLimitPublicPerMin);
    const key = await publishableKeyOf(c);
    const ceiling = ctx.config.rateLimitPublicKeyPerMin;
    if (key) {
      const known = limiter.peek(`pub-key:${key}`, ceiling);
      if (!known.allowed) throw rateLimited(known, `This merchant's checkout is limited to ${ceiling} requests per minute`);
    }
    await next();
    const status = c.res.status;
    if (key && (status < 400 || status === 409)) {
      try {
        await limiter.hit(ctx, `pub-key:${key}`, ceiling);
      } catch (error) {
        // The response is already made; a failed count must not turn it into an error.
        ctx.logger.warn("rate limit count failed", { error: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  return { requireMerchant, requireAdmin, requireAccount, authRateLimit, sessionRateLimit, publicRateLimit, limit };
}
