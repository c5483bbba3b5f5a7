import type { PGlite } from "@electric-sql/pglite";
import { Hono } from "hono";
import type { ShopEnv } from "../auth/middleware.js";
import { type CookiePolicy, endSession, startSession } from "../auth/sessions.js";
import { authenticate, createShopper, credentialsSchema } from "../auth/users.js";

const invalid = (description: string | undefined) => ({ error: { type: "validation_error", description } });

/** `/api/auth/*`: register, log in, log out, and who am I. */
export function authRoutes({ db, cookies }: { db: PGlite; cookies: CookiePolicy }) {
  const app = new Hono<ShopEnv>();

  app.post("/api/auth/register", async (c) => {
    const input = credentialsSchema.safeParse(await c.req.json().catch(() => null));
    if (!input.success) return c.json(invalid(input.error.issues[0]?.message), 400);
    const user = await createShopper(db, input.data);
    if (!user) return c.json({ error: { type: "email_taken", description: "That email already has an account" } }, 409);
    await startSession(c, db, user, cookies);
    return c.json({ user }, 201);
  });

  app.post("/api/auth/login", async (c) => {
    const input = credentialsSchema.safeParse(await c.req.json().catch(() => null));
    // One answer for every failure, so the form does not reveal which emails have accounts.
    const user = input.success ? await authenticate(db, input.data) : null;
    if (!user) return c.json({ error: { type: "invalid_credentials", description: "Wrong email or password" } }, 401);
    await startSession(c, db, user, cookies);
    return c.json({ user });
  });

  app.post("/api/auth/logout", async (c) => {
    await endSession(c, db, cookies);
    return c.body(null, 204);
  });

  app.get("/api/auth/me", (c) =>
    c.var.user ? c.json({ user: c.var.user }) : c.json({ error: { type: "unauthenticated" } }, 401),
  );

  return app;
}
