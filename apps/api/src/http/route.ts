import { errorEnvelopeSchema, successEnvelope } from "@paygate/contracts";
import { z } from "zod";

/**
 * A JSON response of a route. Its schema is what OpenAPIHono checks the handler's `c.json(…)`
 * against, and what the OpenAPI document shows.
 * @example responses: { 200: jsonResponse(successEnvelope(orderSchema), "The order") }
 */
export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** The `{ success: true, data }` envelope of SPEC §3 around `data`. */
export function successResponse<S extends z.ZodType>(data: S, description: string) {
  return jsonResponse(successEnvelope(data), description);
}

/** A PDF document (receipts, invoices); errors still answer the JSON envelope. */
export function pdfResponse(description: string) {
  return { description, content: { "application/pdf": { schema: z.string().describe("PDF document (binary)") } } };
}

/** The headers of a PDF answer: its type, no sniffing, and how the browser should treat it. */
export function pdfHeaders(filename: string, disposition: "inline" | "attachment") {
  return {
    "Content-Type": "application/pdf",
    "Content-Disposition": `${disposition}; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    "X-Content-Type-Options": "nosniff",
  };
}

/** A required JSON request body. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { "application/json": { schema } } };
}

/**
 * The error envelope under every status the error catalogue can answer with, shared by all
 * routes. Idempotent routes replay stored 4xx answers, so each route declares them all.
 */
export const errorResponses = {
  400: jsonResponse(errorEnvelopeSchema, "Invalid request (validation_error, invalid_card, invalid_vpa, webhook_url_refused)"),
  401: jsonResponse(errorEnvelopeSchema, "Missing or invalid credentials"),
  402: jsonResponse(errorEnvelopeSchema, "Payment failed"),
  403: jsonResponse(errorEnvelopeSchema, "Not allowed for this account"),
  404: jsonResponse(errorEnvelopeSchema, "Not found (also another merchant's object)"),
  409: jsonResponse(errorEnvelopeSchema, "Conflict with the object's state, or an Idempotency-Key still in progress"),
  410: jsonResponse(errorEnvelopeSchema, "The payment link can no longer be paid (link_not_payable, with meta.reason)"),
  413: jsonResponse(errorEnvelopeSchema, "Request body too large"),
  422: jsonResponse(errorEnvelopeSchema, "Idempotency-Key reused with a different request"),
  429: jsonResponse(errorEnvelopeSchema, "Rate limited; see Retry-After"),
  500: jsonResponse(errorEnvelopeSchema, "Unexpected error; quote the request id"),
};

type Security = Record<string, string[]>[];
export const merchantSecurity: Security = [{ apiKey: [], apiSecret: [] }, { basicAuth: [] }, { bearerAuth: [] }];
export const adminSecurity: Security = [{ bearerAuth: [] }];
