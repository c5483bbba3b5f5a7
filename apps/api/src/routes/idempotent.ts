import { type ErrorType, errorCatalogue, errorEnvelopeSchema, type SuccessEnvelope, successEnvelope } from "@paygate/contracts";
import type { Context } from "hono";
import type { z } from "zod";
import { errorBody, successBody } from "../http/envelope.js";
import type { AppEnv } from "../http/types.js";
import type { ServiceContext } from "../services/context.js";
import { runIdempotent } from "../services/infra/idempotency.js";

/** The statuses a stored (4xx) answer can have: 5xx roll the key back and are never stored. */
type StoredErrorStatus = Exclude<(typeof errorCatalogue)[ErrorType]["status"], 500>;
const storedErrorStatuses = new Set<number>(Object.values(errorCatalogue).map((entry) => entry.status));

function isStoredErrorStatus(status: number): status is StoredErrorStatus {
  return status < 500 && storedErrorStatuses.has(status);
}

/**
 * Runs a creating route's effect under its Idempotency-Key (if any) and answers with the
 * success envelope around the effect's result, or with the stored response on a replay
 * (marked `Idempotent-Replayed: true`). `data` is the route's declared data schema: a stored
 * body is parsed against it, so a replay is typed like a first answer.
 * @example return idempotent(c, ctx, { scope, data: orderSchema, status: 201 }, (tx) => createOrder({ ctx: tx, … }))
 */
export async function idempotent<D extends z.ZodType, S extends 200 | 201>(
  c: Context<AppEnv>,
  ctx: ServiceContext,
  options: { scope: string; data: D; status: S },
  effect: (tx: ServiceContext) => Promise<z.output<D>>,
) {
  const requestId = c.get("requestId");
  const key = c.req.header("idempotency-key");
  let fresh: SuccessEnvelope<z.output<D>> | undefined;
  const result = await runIdempotent(
    ctx,
    {
      scope: options.scope,
      key,
      method: c.req.method,
      path: c.req.path,
      // The raw body is hashed only to recognise a replay; without a key it is not needed.
      bodyText: key === undefined ? "" : await c.req.text(),
    },
    async (tx) => {
      fresh = successBody(await effect(tx));
      return { status: options.status, body: fresh };
    },
    (error) => errorBody(error, requestId),
  );
  if (result.replayed) c.header("Idempotent-Replayed", "true");
  if (result.status === options.status) {
    if (!result.replayed && fresh) return c.json(fresh, options.status);
    return c.json(successEnvelope(options.data).parse(result.body), options.status);
  }
  if (isStoredErrorStatus(result.status)) return c.json(errorEnvelopeSchema.parse(result.body), result.status);
  throw new Error(`Stored idempotent response has an unexpected status ${result.status}`);
}
