import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ServiceError } from "../lib/errors.js";
import { httpErrors } from "./errors.js";

/**
 * `{ success: true, data }` with a status. Typed loosely on purpose: the route's declared
 * response schema documents the shape, and one cast here beats one per handler.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export function ok(c: Context, data: unknown, status: ContentfulStatusCode = 200): any {
  return c.json({ success: true, data }, status);
}

/** The §3 error envelope of a domain error; its numeric code comes from the one HTTP map. */
export function errorBody(error: ServiceError, requestId: string) {
  return {
    success: false as const,
    exception: {
      code: httpErrors[error.type].code,
      type: error.type,
      message: error.message,
      description: error.description,
      param: error.param,
      meta: error.meta,
      request_id: requestId,
    },
  };
}
