import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { registerAdminRoutes } from "../routes/admin.js";
import { registerAuthRoutes } from "../routes/auth.js";
import { registerCheckoutRoutes } from "../routes/checkout.js";
import type { RouteDeps } from "../routes/deps.js";
import { renderDocs } from "../routes/docs.js";
import { registerBalanceRoutes, registerLedgerAdminRoutes } from "../routes/ledger.js";
import { registerMerchantRoutes } from "../routes/merchant.js";
import { registerOrderRoutes } from "../routes/orders.js";
import { registerPaymentRoutes } from "../routes/payments.js";
import { registerTestRoutes } from "../routes/test-mode.js";
import { registerWebhookRoutes } from "../routes/webhooks.js";
import type { ServiceContext } from "../services/context.js";
import { createAuthMiddleware } from "./auth-middleware.js";
import { errorBody } from "./envelope.js";
import type { AppEnv } from "./types.js";

const BODY_LIMIT = 100 * 1024;
const PUBLIC_PATHS = /^\/api\/v1\/(checkout\/|payments\/public$|payments\/[^/]+\/public)/;

/** Turns a zod issue list into the first problem, named by its field. */
function validationError(issues: { path: PropertyKey[]; message: string }[], where: string): ApiError {
  const first = issues[0];
  const param = first && first.path.length > 0 ? first.path.map(String).join(".") : null;
  const description = first ? `${param ? `${param}: ` : ""}${first.message}` : `Invalid ${where}`;
  return new ApiError("validation_error", description, {
    param,
    meta: { issues: issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })) },
  });
}

/**
 * The API: every route of SPEC §3–§9 under `/api/v1`, the OpenAPI document generated from the
 * same route definitions, and the reference page at `/docs`.
 */
export function createApp(options: { ctx: ServiceContext; workerStatus?: () => "running" | "stopped" }) {
  const { ctx } = options;
  const app = new OpenAPIHono<AppEnv>();
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = (result as { target?: string }).target ?? "request";
        throw validationError(result.error.issues, where === "json" ? "body" : where);
      }
    },
  });

  app.use("*", async (c, next) => {
    const requestId = newId("request");
    const started = performance.now();
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    await next();
    // Method, path and status only: bodies (which may hold card data) are never logged.
    ctx.logger.info("request", {
      request_id: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  const checkoutOrigin = new URL(ctx.config.checkoutUrl).origin;
  const dashboardOrigin = new URL(ctx.config.dashboardUrl).origin;
  app.use(
    "/api/*",
    cors({
      origin: (origin, c) => {
        const allowed = PUBLIC_PATHS.test(c.req.path) ? checkoutOrigin : dashboardOrigin;
        return origin === allowed ? origin : null;
      },
      credentials: true,
      allowHeaders: ["Content-Type", "Authorization", "Idempotency-Key", "X-Api-Key", "X-Api-Secret"],
      exposeHeaders: ["X-Request-Id", "Idempotent-Replayed", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
      maxAge: 600,
    }),
  );
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: () => {
        throw new ApiError("payload_too_large", `Request bodies are limited to ${BODY_LIMIT / 1024} KB`);
      },
    }),
  );

  const deps: RouteDeps = { ctx, auth: createAuthMiddleware(ctx), workerStatus: options.workerStatus ?? (() => "stopped") };
  registerAuthRoutes(api, deps);
  registerMerchantRoutes(api, deps);
  registerOrderRoutes(api, deps);
  registerPaymentRoutes(api, deps);
  registerCheckoutRoutes(api, deps);
  registerWebhookRoutes(api, deps);
  registerAdminRoutes(api, deps);
  registerBalanceRoutes(api, deps);
  registerLedgerAdminRoutes(api, deps);
  registerTestRoutes(api, deps);

  api.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "apiKey", in: "header", name: "X-Api-Key" });
  api.openAPIRegistry.registerComponent("securitySchemes", "apiSecret", { type: "apiKey", in: "header", name: "X-Api-Secret" });
  api.openAPIRegistry.registerComponent("securitySchemes", "basicAuth", { type: "http", scheme: "basic" });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
  const documentConfig = {
    openapi: "3.1.0",
    info: {
      title: "PayGate API",
      version: "1.0.0",
      description: "Payments sandbox API. Money is in integer minor units; errors use one envelope with a stable `type`.",
    },
    servers: [{ url: `${ctx.config.apiUrl}/api/v1` }],
  };
  let document: ReturnType<typeof api.getOpenAPI31Document> | undefined;
  const openApiDocument = () => {
    document ??= api.getOpenAPI31Document(documentConfig);
    return document;
  };
  api.get("/openapi.json", (c) => c.json(openApiDocument()));

  app.route("/api/v1", api);
  app.get("/docs", (c) => c.html(renderDocs(openApiDocument())));
  app.get("/health", (c) => c.json({ ok: true }));

  app.notFound((c) => {
    throw new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}`, { param: null });
  });

  app.onError((error, c) => {
    const requestId = (c.get("requestId") as string | undefined) ?? newId("request");
    let apiError: ApiError;
    if (error instanceof ApiError) apiError = error;
    else if (error instanceof HTTPException && error.status === 413) {
      apiError = new ApiError("payload_too_large", `Request bodies are limited to ${BODY_LIMIT / 1024} KB`);
    } else if (error instanceof HTTPException && error.status < 500) {
      apiError = new ApiError("validation_error", error.message || "Invalid request");
    } else {
      ctx.logger.error("unhandled error", {
        request_id: requestId,
        method: c.req.method,
        path: c.req.path,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      apiError = new ApiError("internal_error", "Something went wrong on our side. Quote the request id if it persists.");
    }
    for (const [name, value] of Object.entries(apiError.headers)) c.header(name, value);
    return c.json(errorBody(apiError, requestId), apiError.status as ContentfulStatusCode);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
