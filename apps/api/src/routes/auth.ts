import { createRoute } from "@hono/zod-openapi";
import {
  type LogoutResult,
  logoutResultSchema,
  refreshResultSchema,
  registerAdminBodySchema,
  registerAdminResultSchema,
  registerBodySchema,
  registerResultSchema,
  tokenBodySchema,
  tokenResultSchema,
} from "@paygate/contracts";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { successBody } from "../http/envelope.js";
import { adminSecurity, errorResponses, jsonBody, successResponse } from "../http/route.js";
import { login, logout, refreshSession, registerAdmin, registerMerchant } from "../services/auth/auth.js";
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
  const common = { tags: ["Auth"], middleware: [auth.authRateLimit] };

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/auth/register",
      summary: "Register a merchant",
      description: "Returns the API secret and webhook secret once. Sets the refresh cookie.",
      request: { body: jsonBody(registerBodySchema) },
      responses: { 201: successResponse(registerResultSchema, "The new merchant and its secrets"), ...errorResponses },
    }),
    async (c) => {
      const { data, refreshToken } = await registerMerchant({ ctx, input: c.req.valid("json") });
      setRefreshCookie(c, refreshToken);
      return c.json(successBody(data), 201);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/auth/token",
      summary: "Log in with email and password",
      request: { body: jsonBody(tokenBodySchema) },
      responses: { 200: successResponse(tokenResultSchema, "An access token; sets the refresh cookie"), ...errorResponses },
    }),
    async (c) => {
      const { data, refreshToken } = await login({ ctx, input: c.req.valid("json") });
      setRefreshCookie(c, refreshToken);
      return c.json(successBody(data), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/auth/refresh",
      summary: "Rotate the refresh cookie and get a new access token",
      description: "Reusing a rotated refresh token revokes the whole login (token family).",
      middleware: [auth.sessionRateLimit],
      responses: { 200: successResponse(refreshResultSchema, "A new access token"), ...errorResponses },
    }),
    async (c) => {
      const session = await refreshSession({ ctx, token: getCookie(c, COOKIE) });
      setRefreshCookie(c, session.refreshToken);
      return c.json(successBody({ access: session.access }), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/auth/logout",
      summary: "Revoke the refresh token and clear the cookie",
      middleware: [auth.sessionRateLimit],
      responses: { 200: successResponse(logoutResultSchema, "Logged out"), ...errorResponses },
    }),
    async (c) => {
      await logout({ ctx, token: getCookie(c, COOKIE) });
      deleteCookie(c, COOKIE, { path: COOKIE_PATH });
      const result: LogoutResult = { logged_out: true };
      return c.json(successBody(result), 200);
    },
  );

  app.openapi(
    createRoute({
      tags: ["Auth"],
      middleware: [auth.requireAdmin],
      security: adminSecurity,
      method: "post",
      path: "/auth/register-admin",
      summary: "Create another admin (admins only)",
      request: { body: jsonBody(registerAdminBodySchema) },
      responses: { 201: successResponse(registerAdminResultSchema, "The new admin"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await registerAdmin({ ctx, input: c.req.valid("json") })), 201),
  );
}
