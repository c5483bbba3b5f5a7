import type { PGlite } from "@electric-sql/pglite";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { sessionUser } from "./sessions.js";
import type { ShopUser } from "./users.js";

/** Every route sees `c.var.user`: the logged-in user, or null. */
export interface ShopEnv {
  Variables: { user: ShopUser | null };
}

export const loadUser = (db: PGlite) =>
  createMiddleware<ShopEnv>(async (c, next) => {
    c.set("user", await sessionUser(c, db));
    await next();
  });

/** 401 for anonymous callers. */
export const requireUser = createMiddleware<ShopEnv>(async (c, next) => {
  if (!c.var.user) return c.json({ error: { type: "unauthenticated", description: "Log in first" } }, 401);
  await next();
});

/** The logged-in user in a handler behind `requireUser` (throws 401 if the middleware was forgotten). */
export function loggedIn(c: Context<ShopEnv>): ShopUser {
  if (!c.var.user) throw new HTTPException(401, { message: "Log in first" });
  return c.var.user;
}

/** 401 for anonymous callers, 403 for shoppers. */
export const requireAdmin = createMiddleware<ShopEnv>(async (c, next) => {
  if (!c.var.user) return c.json({ error: { type: "unauthenticated", description: "Log in first" } }, 401);
  if (c.var.user.role !== "admin") return c.json({ error: { type: "forbidden", description: "Admins only" } }, 403);
  await next();
});

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence in depth behind SameSite=Lax: a state-changing request must say it comes from the
 * shop's own origin. Browsers always send `Origin` (or at least `Sec-Fetch-Site`) on a POST; a
 * request with neither is refused too, because the shop's API has no non-browser clients.
 * `publicOrigin` is the origin shoppers see (behind a TLS proxy the Host header alone would say http).
 */
export const sameOriginOnly = (publicOrigin: string | undefined) =>
  createMiddleware<ShopEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const expected = publicOrigin ?? new URL(c.req.url).origin;
    const origin = c.req.header("Origin");
    const site = c.req.header("Sec-Fetch-Site");
    const allowed = origin ? origin === expected : site === "same-origin";
    if (!allowed) {
      return c.json({ error: { type: "csrf_rejected", description: "Cross-site request refused" } }, 403);
    }
    await next();
  });
