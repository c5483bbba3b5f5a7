import type { SuccessEnvelope } from "@paygate/contracts";
import type { ApiError } from "../lib/errors.js";

/**
 * The body of every 2xx (SPEC §3).
 * @example return c.json(successBody(order), 200)
 */
export function successBody<T>(data: T): SuccessEnvelope<T> {
  return { success: true, data };
}

export function errorBody(error: ApiError, requestId: string) {
  return {
    success: false as const,
    exception: {
      code: error.code,
      type: error.type,
      message: error.message,
      description: error.description,
      param: error.param,
      meta: error.meta,
      request_id: requestId,
    },
  };
}
