import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { MerchantRow } from "../db/schema/index.js";
import { ApiError } from "../lib/errors.js";
import { verifyAccessToken } from "../lib/jwt.js";
import { authenticateApiKey, merchantById } from "../services/auth/auth.js";
import type { ServiceContext } from "../services/context.js";
import { createRateLimiter, type RateLimiter, type RateLimitResult } from "../services/infra/rate-limits.js";
import type { AppEnv } from "./types.js";

const unauthorized = () =>
  new ApiError("unauthorized", "Send X-Api-Key + X-Api-Secret, HTTP Basic key:secret, or a Bearer access token");

/** Resolves the caller from API key + secret (headers or Basic) or a Bearer access token. */
async function authenticate(ctx: ServiceContext, c: Context): Promise<MerchantRow> {
  const authorization = c.req.header("authorization");
  if (authorization) {
    const [scheme, value] = authorization.split(" ", 2);
    if (scheme?.toLowerCase() === "bearer" && value) {
      const claims = verifyAccessToken(value, ctx.config.jwtSecret);
      const account = claims ? await merchantById(ctx, claims.sub) : null;
      if (!account) throw new ApiError("unauthorized", "The access token is invalid or expired");
      return account;
    }
    if (scheme?.toLowerCase() === "basic" && value) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const account = colon > 0 ? await authenticateApiKey(ctx, decoded.slice(0, colon), decoded.slice(colon + 1)) : null;
      if (!account) throw new ApiError("unauthorized", "The API key or secret is invalid");
      return account;
    }
    throw unauthorized();
  }
  const apiKey = c.req.header("x-api-key");
  const apiSecret = c.req.header("x-api-secret");
  if (apiKey && apiSecret) {
    const account = await authenticateApiKey(ctx, apiKey, apiSecret);
    if (!account) throw new ApiError("unauthorized", "The API key or secret is invalid");
    return account;
  }
  throw unauthorized();
}

function setRateLimitHeaders(c: Context, result: RateLimitResult) {
  c.header("RateLimit-Limit", String(result.limit));
  c.header("RateLimit-Remaining", String(result.remaining));
  c.header("RateLimit-Reset", String(result.resetSeconds));
}

/** Counts a hit and throws 429 (with `Retry-After`) once the window's limit is spent. */
async function enforceRateLimit(limiter: RateLimiter, ctx: ServiceContext, c: Context, key: string, limit: number) {
  const result = await limiter.hit(ctx, key, limit);
  setRateLimitHeaders(c, result);
  if (!result.allowed) {
    throw new ApiError("rate_limited", `Rate limit of ${limit} requests per minute exceeded`, {
      headers: {
        "Retry-After": String(result.resetSeconds),
        "RateLimit-Limit": String(result.limit),
        "RateLimit-Remaining": "0",
        "RateLimit-Reset": String(result.resetSeconds),
      },
    });
  }
}

export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests (tests) have no socket
  }
}

export function createAuthMiddleware(ctx: ServiceContext) {
  const limiter = createRateLimiter();
  const limit = (c: Context, key: string, perMinute: number) => enforceRateLimit(limiter, ctx, c, key, perMinute);
  const requireMerchant: MiddlewareHandler<AppEnv> = async (c, next) => {
    const account = await authenticate(ctx, c);
    if (account.role !== "merchant") throw new ApiError("forbidden", "Merchant endpoints need a merchant account");
    await limit(c, `api:${account.id}`, ctx.config.rateLimitApiPerMin);
    c.set("account", account);
    await next();
  };

  const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
    const account = await authenticate(ctx, c);
    if (account.role !== "admin") throw new ApiError("admin_only", "This endpoint is for admins only");
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

  const authRateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
    await limit(c, `auth:${clientIp(c)}`, ctx.config.rateLimitAuthPerMin);
    await next();
  };

  return { requireMerchant, requireAdmin, requireAccount, authRateLimit, limit };
}
