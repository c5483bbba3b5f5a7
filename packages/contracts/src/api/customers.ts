import { z } from "zod";
import { idSchema } from "../ids.js";
import { emailSchema, listQuerySchema, textSchema, timestampSchema } from "./common.js";
import { notesSchema } from "./orders.js";
import { cardSummarySchema } from "./payments.js";

/** SPEC §15: a merchant's customer, who may own saved cards and subscriptions. */

const contactSchema = textSchema().regex(/^\+?[0-9 -]{6,20}$/, { error: "contact must be a phone number" });

export const customerCreateSchema = z.strictObject({
  name: textSchema().trim().min(1).max(100).optional(),
  email: emailSchema.optional(),
  contact: contactSchema.optional(),
  notes: notesSchema.optional(),
});
export type CustomerCreate = z.infer<typeof customerCreateSchema>;

/** `PATCH /customers/:id`: a field given as null clears it. */
export const customerUpdateSchema = z.strictObject({
  name: textSchema().trim().min(1).max(100).nullable().optional(),
  email: emailSchema.nullable().optional(),
  contact: contactSchema.nullable().optional(),
  notes: notesSchema.optional(),
});
export type CustomerUpdate = z.infer<typeof customerUpdateSchema>;

export const customerSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  contact: z.string().nullable(),
  notes: z.record(z.string(), z.string()),
  created_at: timestampSchema,
});
export type Customer = z.infer<typeof customerSchema>;

export const customerListQuerySchema = listQuerySchema.extend({ email: emailSchema.optional() });
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

/**
 * A saved card (`pm_…`): the processor's vault reference stands behind it, never the PAN or CVV.
 * `deleted_at` is set once `DELETE /payment_methods/:id` removed it (it can no longer pay).
 */
export const customerPaymentMethodSchema = z.object({
  id: z.string(),
  customer_id: z.string(),
  type: z.literal("card"),
  card: cardSummarySchema,
  created_at: timestampSchema,
  deleted_at: timestampSchema.nullable(),
});
export type CustomerPaymentMethod = z.infer<typeof customerPaymentMethodSchema>;

export const customerParamsSchema = z.strictObject({ id: idSchema("customer") });
export const paymentMethodParamsSchema = z.strictObject({ id: idSchema("paymentMethod") });
