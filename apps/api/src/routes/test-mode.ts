import { createRoute } from "@hono/zod-openapi";
import { jobQueueStatusSchema, testMerchantSchema, type WorkerStatus } from "@paygate/contracts";
import { successBody } from "../http/envelope.js";
import { errorResponses, successResponse } from "../http/route.js";
import { TEST_MERCHANT } from "../services/auth/auth.js";
import { jobCounts, workersRunning } from "../services/jobs/queue.js";
import type { Api, RouteDeps } from "./deps.js";
import { registerTestClockRoutes } from "./test-clock.js";

/** `/test/*`: registered only in TEST_MODE, so outside it these paths are plain 404s. */
export function registerTestRoutes(app: Api, deps: RouteDeps) {
  const { ctx, workerStatus } = deps;
  if (!ctx.config.testMode) return;
  registerTestClockRoutes(app, deps);
  const common = { tags: ["Test mode"] };

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/test/merchant",
      summary: "The seeded test merchant's credentials",
      responses: { 200: successResponse(testMerchantSchema, "The test merchant"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        successBody({
          email: TEST_MERCHANT.email,
          api_key: TEST_MERCHANT.apiKey,
          api_secret: TEST_MERCHANT.apiSecret,
          webhook_secret: TEST_MERCHANT.webhookSecret,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/test/jobs/status",
      summary: "The job queue",
      responses: { 200: successResponse(jobQueueStatusSchema, "Job counts by status"), ...errorResponses },
    }),
    async (c) => {
      // Workers may run in this process or in separate `worker` processes sharing the database.
      const running = workerStatus() === "running" || (await workersRunning(ctx.db));
      const workerState: WorkerStatus = running ? "running" : "stopped";
      return c.json(successBody({ ...(await jobCounts(ctx.db, ctx.clock.now())), worker_status: workerState }), 200);
    },
  );
}
