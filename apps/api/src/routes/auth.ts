import {
  registerAdminBodySchema,
  registerBodySchema,
  registerResultSchema,
  tokenBodySchema,
  tokenResultSchema,
} from "@paygate/contracts";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { ok } from "../http/envelope.js";
import { adminSecurity, apiRoute } from "../http/route.js";
import { login, logout, refreshSession, registerAdmin, registerMerchant } from "../services/auth.js";
import type { Api, RouteDeps } from "./deps.js";

const COOKIE = "paygate_refresh";
const COOKIE_PATH = "/api/v1/auth";

export function registerAuthRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const setRefreshCookie = (c: Context, token: string) =>
    setCookie(c, COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      path: COOKIE_PATH,
      secure: !ctx.config.testMode,
      maxAge: 7 * 24 * 3600,
    });

  app.openapi(
    apiRoute({
      method: "post",
      path: "/auth/register",
      tag: "Auth",
      summary: "Register a merchant",
      description: "Returns the API secret and webhook secret once. Sets the refresh cookie.",
      middleware: [auth.authRateLimit],
      body: registerBodySchema,
      data: registerResultSchema,
      status: 201,
    }),
    async (c) => {
      const { data, refreshToken } = await registerMerchant({ ctx, input: c.req.valid("json") });
      setRefreshCookie(c, refreshToken);
      return ok(c, data, 201);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/auth/token",
      tag: "Auth",
      summary: "Log in with email and password",
      middleware: [auth.authRateLimit],
      body: tokenBodySchema,
      data: tokenResultSchema,
    }),
    async (c) => {
      const { data, refreshToken } = await login({ ctx, input: c.req.valid("json") });
      setRefreshCookie(c, refreshToken);
      return ok(c, data);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/auth/refresh",
      tag: "Auth",
      summary: "Rotate the refresh cookie and get a new access token",
      description: "Reusing a rotated refresh token revokes the whole login (token family).",
      middleware: [auth.sessionRateLimit],
      data: z.object({ access: z.string() }),
    }),
    async (c) => {
      const session = await refreshSession({ ctx, token: getCookie(c, COOKIE) });
      setRefreshCookie(c, session.refreshToken);
      return ok(c, { access: session.access });
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/auth/logout",
      tag: "Auth",
      summary: "Revoke the refresh token and clear the cookie",
      middleware: [auth.sessionRateLimit],
      data: z.object({ logged_out: z.literal(true) }),
    }),
    async (c) => {
      await logout({ ctx, token: getCookie(c, COOKIE) });
      deleteCookie(c, COOKIE, { path: COOKIE_PATH });
      return ok(c, { logged_out: true });
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/auth/register-admin",
      tag: "Auth",
      summary: "Create another admin (admins only)",
      middleware: [auth.requireAdmin],
      security: adminSecurity,
      body: registerAdminBodySchema,
      data: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.literal("admin") }),
      status: 201,
    }),
    async (c) => ok(c, await registerAdmin({ ctx, input: c.req.valid("json") }), 201),
  );
}
