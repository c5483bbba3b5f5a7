import { z } from "zod";

// NUL cannot be stored in a Postgres text or jsonb value, and an unpaired UTF-16 surrogate is
// not valid UTF-8: both would fail in the database (a 500), so they are refused at the boundary.
// With the `u` flag a well-formed surrogate pair is one code point and does not match.
const UNSAFE_TEXT = /[\0\uD800-\uDFFF]/u;
const UNSAFE_TEXT_ERROR = "must not contain NUL bytes or unpaired surrogates";

/** Whether a string can be stored and echoed as UTF-8 text. */
export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

/**
 * The string schema every request field starts from: refuses NUL bytes and unpaired surrogates
 * with a validation error naming the field. Chain the usual checks after it.
 * @example const receipt = textSchema().min(1).max(40)
 */
export function textSchema() {
  return z.string().refine(isSafeText, { error: UNSAFE_TEXT_ERROR });
}

/** An email address in a request, with the same text safety as {@link textSchema}. */
export const emailSchema = z
  .email({ error: "must be an email address" })
  .max(254)
  .refine(isSafeText, { error: UNSAFE_TEXT_ERROR });
export const passwordSchema = textSchema().min(8, { error: "must be at least 8 characters" }).max(200);
export const nameSchema = textSchema().trim().min(1).max(100);
export const webhookUrlSchema = z
  .url({ error: "must be an absolute http(s) URL" })
  .max(2048)
  .refine(isSafeText, { error: UNSAFE_TEXT_ERROR });
export const timestampSchema = z.string().describe("ISO-8601 timestamp");

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** A page of a newest-first list. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    has_more: z.boolean(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}
export type ListPage<T> = Omit<z.infer<ReturnType<typeof listOf>>, "items"> & { items: T[] };

// ---------- envelopes (SPEC §3) ----------

export const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  exception: z.object({
    code: z.number().int(),
    type: z.string(),
    message: z.string(),
    description: z.string(),
    param: z.string().nullable(),
    meta: z.record(z.string(), z.unknown()).nullable(),
    request_id: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export function successEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data });
}
export type SuccessEnvelope<T> = { success: true; data: T };
