import type { OpenAPIHono } from "@hono/zod-openapi";
import type { createAuthMiddleware } from "../http/auth-middleware.js";
import type { AppEnv } from "../http/types.js";
import type { ServiceContext } from "../services/context.js";

export interface RouteDeps {
  ctx: ServiceContext;
  auth: ReturnType<typeof createAuthMiddleware>;
  /** Whether workers are running in this process or any other (for /test/jobs/status). */
  workerStatus: () => "running" | "stopped";
}

export type Api = OpenAPIHono<AppEnv>;
