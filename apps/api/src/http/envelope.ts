import type { SuccessEnvelope } from "@paygate/contracts";
import type { ServiceError } from "../lib/errors.js";
import { httpErrors } from "./errors.js";

/**
 * The body of every 2xx (SPEC §3).
 * @example return c.json(successBody(order), 200)
 */
export function successBody<T>(data: T): SuccessEnvelope<T> {
  return { success: true, data };
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
