import { type ErrorType, errorCatalogue } from "@paygate/contracts";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ServiceError } from "../lib/errors.js";

/**
 * The one place a domain error type becomes HTTP: its numeric code and status. Typed as a
 * record over every `ErrorType`, so a type added to the catalogue without a status fails to compile.
 */
export const httpErrors: Record<ErrorType, { code: number; status: ContentfulStatusCode }> = errorCatalogue;

export const httpStatusOf = (error: ServiceError): ContentfulStatusCode => httpErrors[error.type].status;

/** Headers an error asks for: `Retry-After` when the service said when to try again. */
export function errorHeaders(error: ServiceError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== null) headers["Retry-After"] = String(error.retryAfterSeconds);
  if (error.rateLimit !== null) {
    headers["RateLimit-Limit"] = String(error.rateLimit.limit);
    headers["RateLimit-Remaining"] = "0";
    headers["RateLimit-Reset"] = String(error.rateLimit.resetSeconds);
  }
  return headers;
}

/**
 * Any thrown value as a ServiceError: domain errors as they are, Hono's own 4xx (body limit,
 * malformed input) by meaning, and everything else as an opaque `internal_error` — its cause is
 * for the log, never for the response. `unexpected` says which case it was.
 */
export function toServiceError(error: unknown, bodyLimitBytes: number): { error: ServiceError; unexpected: boolean } {
  if (error instanceof ServiceError) return { error, unexpected: false };
  if (error instanceof HTTPException && error.status === 413) {
    return { error: payloadTooLarge(bodyLimitBytes), unexpected: false };
  }
  // The route validator's answer to a body sent without `Content-Type: application/json`.
  if (error instanceof HTTPException && error.status === 415) return { error: unsupportedMediaType(), unexpected: false };
  if (error instanceof HTTPException && error.status < 500) {
    return { error: new ServiceError("validation_error", error.message || "Invalid request"), unexpected: false };
  }
  const internal = new ServiceError("internal_error", "Something went wrong on our side. Quote the request id if it persists.", {
    cause: error,
  });
  return { error: internal, unexpected: true };
}

export const payloadTooLarge = (limitBytes: number) =>
  new ServiceError("payload_too_large", `Request bodies are limited to ${limitBytes / 1024} KB`);

export const unsupportedMediaType = () =>
  new ServiceError("unsupported_media_type", "Send JSON with Content-Type: application/json", { param: "Content-Type" });
