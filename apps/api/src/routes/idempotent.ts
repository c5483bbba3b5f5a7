import type { Context } from "hono";
import { errorBody } from "../http/envelope.js";
import type { ServiceContext } from "../services/context.js";
import { runIdempotent } from "../services/infra/idempotency.js";

/**
 * Runs a creating route's effect under its Idempotency-Key (if any) and answers with the
 * stored response, marking replays with `Idempotent-Replayed: true`.
 */
export async function idempotent(
  c: Context,
  ctx: ServiceContext,
  scope: string,
  effect: (tx: ServiceContext) => Promise<{ status: number; body: unknown }>,
  // biome-ignore lint/suspicious/noExplicitAny: typed by the route's declared response
): Promise<any> {
  const requestId = c.get("requestId") as string;
  const key = c.req.header("idempotency-key");
  const result = await runIdempotent(
    ctx,
    {
      scope,
      key,
      method: c.req.method,
      path: c.req.path,
      // The raw body is hashed only to recognise a replay; without a key it is not needed.
      bodyText: key === undefined ? "" : await c.req.text(),
    },
    effect,
    (error) => errorBody(error, requestId),
  );
  if (result.replayed) c.header("Idempotent-Replayed", "true");
  return c.body(JSON.stringify(result.body), result.status as 200, { "Content-Type": "application/json" });
}
