import { z } from "zod";
import { ok } from "../http/envelope.js";
import { apiRoute } from "../http/route.js";
import { TEST_MERCHANT } from "../services/auth/auth.js";
import { jobCounts, workersRunning } from "../services/jobs/queue.js";
import type { Api, RouteDeps } from "./deps.js";
import { registerTestClockRoutes } from "./test-clock.js";

/** `/test/*`: registered only in TEST_MODE, so outside it these paths are plain 404s. */
export function registerTestRoutes(app: Api, deps: RouteDeps) {
  const { ctx, workerStatus } = deps;
  if (!ctx.config.testMode) return;
  registerTestClockRoutes(app, deps);

  app.openapi(
    apiRoute({
      tag: "Test mode",
      method: "get",
      path: "/test/merchant",
      summary: "The seeded test merchant's credentials",
      data: z.object({ email: z.string(), api_key: z.string(), api_secret: z.string(), webhook_secret: z.string() }),
    }),
    async (c) =>
      ok(c, {
        email: TEST_MERCHANT.email,
        api_key: TEST_MERCHANT.apiKey,
        api_secret: TEST_MERCHANT.apiSecret,
        webhook_secret: TEST_MERCHANT.webhookSecret,
      }),
  );

  app.openapi(
    apiRoute({
      tag: "Test mode",
      method: "get",
      path: "/test/jobs/status",
      summary: "The job queue",
      data: z.object({
        pending: z.number().describe("due now, waiting for a worker"),
        scheduled: z.number().describe("pending, but due later (expiries, webhook retries)"),
        processing: z.number(),
        completed: z.number(),
        failed: z.number(),
        worker_status: z.enum(["running", "stopped"]),
      }),
    }),
    async (c) => {
      // Workers may run in this process or in separate `worker` processes sharing the database.
      const running = workerStatus() === "running" || (await workersRunning(ctx.db));
      return ok(c, { ...(await jobCounts(ctx.db, ctx.clock.now())), worker_status: running ? "running" : "stopped" });
    },
  );
}
