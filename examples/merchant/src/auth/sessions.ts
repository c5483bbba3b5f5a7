import { createHash, randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ShopUser } from "./users.js";

export const SESSION_COOKIE = "shop_session";
const SESSION_DAYS = 7;

/** The database keeps only this digest; the cookie holds the token itself. */
const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export interface CookiePolicy {
  /** Adds `Secure` (the shop is served over https). */
  secure: boolean;
}

/** Starts a session for `user` and sets its cookie (a new token on every login: no fixation). */
export async function startSession(c: Context, db: PGlite, user: ShopUser, policy: CookiePolicy): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000);
  await db.query(`delete from shop_sessions where expires_at <= now()`); // housekeeping, cheap with few rows
  await db.query(`insert into shop_sessions (token_hash, user_id, expires_at) values ($1, $2, $3)`, [
    digest(token),
    user.id,
    expires,
  ]);
  // HttpOnly: page scripts (and injected ones) cannot read it; SameSite=Lax: other sites' POSTs carry none.
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: policy.secure,
    expires,
  });
}

/** The user behind the request's cookie, if its session exists and has not expired. */
export async function sessionUser(c: Context, db: PGlite): Promise<ShopUser | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const { rows } = await db.query<ShopUser>(
    `select u.id, u.email, u.role from shop_sessions s join shop_users u on u.id = s.user_id
      where s.token_hash = $1 and s.expires_at > now()`,
    [digest(token)],
  );
  return rows[0] ?? null;
}

/** Deletes the session server-side (the token stops working even if a copy survives) and the cookie. */
export async function endSession(c: Context, db: PGlite, policy: CookiePolicy): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await db.query(`delete from shop_sessions where token_hash = $1`, [digest(token)]);
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: policy.secure });
}
