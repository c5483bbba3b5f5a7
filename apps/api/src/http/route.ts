import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import { errorEnvelopeSchema, successEnvelope } from "@paygate/contracts";
import type { MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./types.js";

type Method = "get" | "post" | "patch" | "delete";

interface RouteSpec<P, Q, B> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  description?: string;
  middleware?: readonly MiddlewareHandler<AppEnv>[];
  params?: P;
  query?: Q;
  body?: B;
  /** The `data` of the success envelope. */
  data: z.ZodType;
  status?: 200 | 201;
  security?: RouteConfig["security"];
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: errorEnvelopeSchema } },
});

/**
 * One route of the API reference: request schemas validated by the zod-openapi validators,
 * the success envelope, and the error envelope for the usual 4xx. The path uses `{param}`.
 */
type TypedRequest<P, Q, B> = (P extends z.ZodType ? { params: P } : object) &
  (Q extends z.ZodType ? { query: Q } : object) &
  (B extends z.ZodType ? { body: { required: true; content: { "application/json": { schema: B } } } } : object);

export function apiRoute<P extends z.ZodObject | undefined = undefined, Q extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
): Omit<RouteConfig, "request"> & { path: string; request: TypedRequest<P, Q, B> } {
  return createRoute({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    middleware: spec.middleware ? [...spec.middleware] : undefined,
    security: spec.security,
    request: {
      // biome-ignore lint/suspicious/noExplicitAny: narrowed by the return type
      ...(spec.params ? { params: spec.params as any } : {}),
      ...(spec.query ? { query: spec.query as any } : {}),
      ...(spec.body ? { body: { required: true, content: { "application/json": { schema: spec.body as any } } } } : {}),
    },
    responses: {
      [spec.status ?? 200]: {
        description: "Success",
        content: { "application/json": { schema: successEnvelope(spec.data) } },
      },
      400: errorResponse("Invalid request (validation_error, invalid_card, invalid_vpa…)"),
      401: errorResponse("Missing or invalid credentials"),
      404: errorResponse("Not found (also another merchant's object)"),
      409: errorResponse("Conflict with the object's state"),
      429: errorResponse("Rate limited; see Retry-After"),
    },
  }) as unknown as Omit<RouteConfig, "request"> & { path: string; request: TypedRequest<P, Q, B> };
}

type Security = Record<string, string[]>[];
export const merchantSecurity: Security = [{ apiKey: [], apiSecret: [] }, { basicAuth: [] }, { bearerAuth: [] }];
export const adminSecurity: Security = [{ bearerAuth: [] }];
