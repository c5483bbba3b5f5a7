import { createRoute } from "@hono/zod-openapi";
import { clockAdvanceSchema, testClockSchema } from "@paygate/contracts";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import { advanceTestClock, isTestClock, type TestClock } from "../services/infra/test-clock.js";
import { workersRunning } from "../services/jobs/queue.js";
import type { Api, RouteDeps } from "./deps.js";

const describeClock = (clock: TestClock) => ({
  now: clock.now().toISOString(),
  offset_seconds: Math.round(clock.offsetMs() / 1000),
});

/**
 * `/test/clock` (TEST_MODE only): read and move the clock every process on the database shares.
 * Any merchant's credentials or an admin's token.
 */
export function registerTestClockRoutes(app: Api, { ctx, auth, workerStatus }: RouteDeps) {
  const clock = ctx.clock;
  if (!ctx.config.testMode || !isTestClock(clock)) return;
  const common = { tags: ["Test mode"], middleware: [auth.requireAccount], security: merchantSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/test/clock",
      summary: "The server's clock",
      responses: { 200: successResponse(testClockSchema, "The clock's time and its offset"), ...errorResponses },
    }),
    async (c) => c.json(successBody(describeClock(clock)), 200),
  );

  // Advances in this process take turns: two interleaved step loops would race each other.
  let queue: Promise<unknown> = Promise.resolve();
  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/test/clock/advance",
      summary: "Move the clock forward; everything due in between runs, in due order",
      description:
        "Moves the clock of every API and worker process on the database by `seconds` (1 … 400 days). Jobs falling due in the window (expiries, webhook retries, settlements) run in due order before the response.",
      request: { body: jsonBody(clockAdvanceSchema) },
      responses: { 200: successResponse(testClockSchema, "The clock after the move"), ...errorResponses },
    }),
    async (c) => {
      const { seconds } = c.req.valid("json");
      const advance = queue.then(() =>
        advanceTestClock({
          db: ctx.db,
          clock,
          seconds,
          workersActive: async () => workerStatus() === "running" || (await workersRunning(ctx.db)),
        }),
      );
      queue = advance.catch(() => {});
      await advance;
      return c.json(successBody(describeClock(clock)), 200);
    },
  );
}
