import { createHash } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { ServiceError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { registerAdminRoutes } from "../routes/admin.js";
import { registerAuthRoutes } from "../routes/auth.js";
import { registerCheckoutRoutes } from "../routes/checkout.js";
import { registerCustomerRoutes } from "../routes/customers.js";
import type { RouteDeps } from "../routes/deps.js";
import { registerDiscountRoutes } from "../routes/discounts.js";
import { renderDocs } from "../routes/docs.js";
import { registerEmailRoutes } from "../routes/emails.js";
import { registerInvoiceRoutes } from "../routes/invoices.js";
import { registerBalanceRoutes, registerLedgerAdminRoutes } from "../routes/ledger.js";
import { registerMerchantRoutes } from "../routes/merchant.js";
import { registerOrderRoutes } from "../routes/orders.js";
import { registerPaymentLinkRoutes } from "../routes/payment-links.js";
import { registerPaymentRoutes } from "../routes/payments.js";
import { registerReceiptRoutes } from "../routes/receipts.js";
import { registerSubscriptionRoutes } from "../routes/subscriptions.js";
import { registerTestRoutes } from "../routes/test-mode.js";
import { registerWebhookEndpointRoutes } from "../routes/webhook-endpoints.js";
import { registerWebhookReference } from "../routes/webhook-reference.js";
import { registerWebhookRoutes } from "../routes/webhooks.js";
import type { ServiceContext } from "../services/context.js";
import { createAuthMiddleware } from "./auth-middleware.js";
import { errorBody } from "./envelope.js";
import { errorHeaders, httpStatusOf, payloadTooLarge, toServiceError } from "./errors.js";
import type { AppEnv } from "./types.js";

const BODY_LIMIT = 100 * 1024;
const PUBLIC_PATHS = /^\/api\/v1\/(checkout\/|payments\/public$|payments\/[^/]+\/public)/;

const PUBLIC_HEADERS = ["Content-Type", "Idempotency-Key"];
const EXPOSED_HEADERS = [
  "X-Request-Id",
  "Idempotent-Replayed",
  "Retry-After",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
];

/**
 * CORS (SPEC §3): the public checkout endpoints answer any origin without credentials — they
 * are authorised by the publishable key, use no cookies, and the checkout may be served under
 * any host name. Every other endpoint answers the dashboard's origin only, with credentials
 * (the refresh cookie).
 */
function createCors(dashboardOrigin: string): MiddlewareHandler {
  const publicCors = cors({ origin: "*", allowHeaders: PUBLIC_HEADERS, exposeHeaders: EXPOSED_HEADERS, maxAge: 600 });
  const merchantCors = cors({
    origin: (origin) => (origin === dashboardOrigin ? origin : null),
    credentials: true,
    allowHeaders: [...PUBLIC_HEADERS, "Authorization", "X-Api-Key", "X-Api-Secret"],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return (c, next) => (PUBLIC_PATHS.test(c.req.path) ? publicCors(c, next) : merchantCors(c, next));
}

/** The docs page's CSP: nothing but its own inline stylesheet, allowed by hash. */
function docsPage(html: string) {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (match) =>
      `'sha256-${createHash("sha256")
        .update(match[1] ?? "")
        .digest("base64")}'`,
  );
  const csp = [
    "default-src 'none'",
    `style-src ${styles.length > 0 ? styles.join(" ") : "'none'"}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html, csp };
}

interface Issue {
  code?: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/**
 * One zod issue as the field it is about, what is wrong with it, and the sentence saying both.
 * A strict schema's unknown field is named by itself (`param: "foo"`, "Unknown field: foo"),
 * not by the object holding it.
 */
function describeIssue(issue: Issue): { param: string | null; message: string; description: string } {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys" && issue.keys && issue.keys.length > 0) {
    const fields = issue.keys.map((key) => [...path, key].join("."));
    const message = `Unknown field${fields.length > 1 ? "s" : ""}: ${fields.join(", ")}`;
    return { param: fields[0] ?? null, message, description: message };
  }
  const param = path.length > 0 ? path.join(".") : null;
  return { param, message: issue.message, description: param ? `${param}: ${issue.message}` : issue.message };
}

/** Turns a zod issue list into the first problem, named by its field. */
function validationError(issues: Issue[], where: string): ServiceError {
  const described = issues.slice(0, 10).map(describeIssue);
  const first = described[0];
  return new ServiceError("validation_error", first?.description ?? `Invalid ${where}`, {
    param: first?.param ?? null,
    meta: { issues: described.map(({ param, message }) => ({ path: param ?? "", message })) },
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
        const where = result.target;
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

  app.use("/api/*", createCors(new URL(ctx.config.dashboardUrl).origin));
  app.use("/api/*", async (c, next) => {
    await next();
    // Registration, login, refresh, rotations, /test/merchant and payment signatures carry
    // secrets; every API response is marked, so no new route can forget it (SPEC §3).
    c.header("Cache-Control", "no-store");
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: () => {
        throw payloadTooLarge(BODY_LIMIT);
      },
    }),
  );

  const deps: RouteDeps = { ctx, auth: createAuthMiddleware(ctx), workerStatus: options.workerStatus ?? (() => "stopped") };
  registerAuthRoutes(api, deps);
  registerMerchantRoutes(api, deps);
  registerOrderRoutes(api, deps);
  registerPaymentRoutes(api, deps);
  registerPaymentLinkRoutes(api, deps);
  registerCheckoutRoutes(api, deps);
  registerCustomerRoutes(api, deps);
  registerInvoiceRoutes(api, deps);
  registerDiscountRoutes(api, deps);
  registerSubscriptionRoutes(api, deps);
  registerWebhookRoutes(api, deps);
  registerWebhookEndpointRoutes(api, deps);
  registerWebhookReference(api);
  registerAdminRoutes(api, deps);
  registerBalanceRoutes(api, deps);
  registerLedgerAdminRoutes(api, deps);
  registerTestRoutes(api, deps);
  registerEmailRoutes(api, deps);
  registerReceiptRoutes(api, deps);

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
  let docs: { html: string; csp: string } | undefined;
  app.get("/docs", (c) => {
    docs ??= docsPage(renderDocs(openApiDocument()));
    c.header("Content-Security-Policy", docs.csp);
    c.header("X-Content-Type-Options", "nosniff");
    return c.html(docs.html);
  });
  app.get("/health", (c) => c.json({ ok: true }));

  app.notFound((c) => {
    throw new ServiceError("not_found", `No route for ${c.req.method} ${c.req.path}`, { param: null });
  });

  app.onError((thrown, c) => {
    const requestId = (c.get("requestId") as string | undefined) ?? newId("request");
    const { error, unexpected } = toServiceError(thrown, BODY_LIMIT);
    if (unexpected) {
      ctx.logger.error("unhandled error", {
        request_id: requestId,
        method: c.req.method,
        path: c.req.path,
        // The error itself: the logger keeps its stack and cause and drops the driver's query parameters.
        error: thrown,
      });
    }
    for (const [name, value] of Object.entries(errorHeaders(error))) c.header(name, value);
    return c.json(errorBody(error, requestId), httpStatusOf(error));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
