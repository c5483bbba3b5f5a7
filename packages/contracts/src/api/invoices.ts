import { z } from "zod";
import { invoiceStatuses } from "../enums.js";
import { idSchema } from "../ids.js";
import { amountSchema, currencySchema } from "../money.js";
import { emailSchema, listQuerySchema, nameSchema, textSchema, timestampSchema } from "./common.js";

/** SPEC §14 invoices: draft → sent → viewed → paid; overdue once due_date passes unpaid; cancelled. */
export const invoiceStatusSchema = z.enum(invoiceStatuses);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

export const MAX_INVOICE_LINE_ITEMS = 50;
export const MAX_LINE_QUANTITY = 1_000_000;

function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  // 2026-02-30 parses as 2 March: a real day prints back as itself.
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** `YYYY-MM-DD`, a real calendar day; the invoice is due at its end (UTC). */
export const dueDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "due_date must be a date like 2026-12-31" })
  .refine((value) => isCalendarDay(value), {
    error: "due_date must be a real calendar day",
  });

export const invoiceLineItemInputSchema = z.strictObject({
  name: textSchema().trim().min(1).max(200),
  quantity: z
    .number({ error: "quantity must be a positive integer" })
    .int({ error: "quantity must be a positive integer" })
    .min(1, { error: "quantity must be a positive integer" })
    .max(MAX_LINE_QUANTITY, { error: `quantity must be at most ${MAX_LINE_QUANTITY}` }),
  unit_amount: amountSchema,
});
export type InvoiceLineItemInput = z.infer<typeof invoiceLineItemInputSchema>;

const lineItemsSchema = z
  .array(invoiceLineItemInputSchema)
  .min(1, { error: "an invoice needs at least one line item" })
  .max(MAX_INVOICE_LINE_ITEMS, { error: `an invoice has at most ${MAX_INVOICE_LINE_ITEMS} line items` });

/** Basis points of (subtotal − discount): 0 … 10000 (100 %). */
export const taxBpsSchema = z
  .number({ error: "tax_bps must be an integer number of basis points" })
  .int({ error: "tax_bps must be an integer number of basis points" })
  .min(0, { error: "tax_bps must be at least 0" })
  .max(10_000, { error: "tax_bps must be at most 10000 (100 %)" });

const invoiceFields = {
  customer: z.strictObject({ name: nameSchema, email: emailSchema }),
  currency: currencySchema,
  line_items: lineItemsSchema,
  tax_bps: taxBpsSchema,
  discount_code: textSchema().trim().min(1).max(64),
  due_date: dueDateSchema,
  notes: textSchema().max(2000),
  terms: textSchema().max(2000),
  /** SPEC §15: the merchant's customer it bills; the order sent with it carries it. */
  customer_id: idSchema("customer"),
};

export const invoiceCreateSchema = z.strictObject({
  customer: invoiceFields.customer,
  currency: invoiceFields.currency.default("INR"),
  line_items: invoiceFields.line_items,
  tax_bps: invoiceFields.tax_bps.default(0),
  discount_code: invoiceFields.discount_code.optional(),
  due_date: invoiceFields.due_date.optional(),
  notes: invoiceFields.notes.optional(),
  terms: invoiceFields.terms.optional(),
  customer_id: invoiceFields.customer_id.optional(),
});
export type InvoiceCreate = z.infer<typeof invoiceCreateSchema>;

/** `PATCH /invoices/:id` (draft only): the fields to change; null clears an optional one. */
export const invoiceUpdateSchema = z.strictObject({
  customer: invoiceFields.customer.optional(),
  currency: invoiceFields.currency.optional(),
  line_items: invoiceFields.line_items.optional(),
  tax_bps: invoiceFields.tax_bps.optional(),
  discount_code: invoiceFields.discount_code.nullable().optional(),
  due_date: invoiceFields.due_date.nullable().optional(),
  notes: invoiceFields.notes.nullable().optional(),
  terms: invoiceFields.terms.nullable().optional(),
  customer_id: invoiceFields.customer_id.nullable().optional(),
});
export type InvoiceUpdate = z.infer<typeof invoiceUpdateSchema>;

export const invoiceLineItemSchema = z.object({
  name: z.string(),
  quantity: z.number().int(),
  unit_amount: z.number().int(),
  amount: z.number().int(),
});
export type InvoiceLineItem = z.infer<typeof invoiceLineItemSchema>;

export const invoiceSchema = z.object({
  id: z.string(),
  /** SPEC §15: the customer it bills and the subscription it renews, if any. */
  customer_id: z.string().nullable(),
  subscription_id: z.string().nullable(),
  number: z.string().nullable().describe("INV-000001, assigned at send: per merchant, gapless, never reused"),
  status: invoiceStatusSchema,
  customer: z.object({ name: z.string(), email: z.string() }),
  currency: currencySchema,
  line_items: z.array(invoiceLineItemSchema),
  subtotal: z.number().int(),
  discount_code: z.string().nullable(),
  discount_amount: z.number().int(),
  tax_bps: z.number().int(),
  tax_amount: z.number().int(),
  total: z.number().int(),
  amount_paid: z.number().int(),
  amount_due: z.number().int(),
  due_date: z.string().nullable(),
  notes: z.string().nullable(),
  terms: z.string().nullable(),
  url: z.string().nullable(),
  order_id: z.string().nullable(),
  created_at: timestampSchema,
  sent_at: timestampSchema.nullable(),
  viewed_at: timestampSchema.nullable(),
  paid_at: timestampSchema.nullable(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const invoiceListQuerySchema = listQuerySchema.extend({
  status: invoiceStatusSchema.optional(),
  /** SPEC §15: a subscription's renewal invoices. */
  subscription_id: idSchema("subscription").optional(),
});
export type InvoiceListQuery = z.infer<typeof invoiceListQuerySchema>;

/**
 * `GET /checkout/invoices/:id` (public, no key): what the hosted page `/i/{id}` shows, and the
 * merchant's publishable key with the order id so the page can pay. No secret, no email.
 */
export const checkoutInvoiceSchema = z.object({
  invoice: invoiceSchema
    .pick({
      id: true,
      number: true,
      status: true,
      currency: true,
      line_items: true,
      subtotal: true,
      discount_amount: true,
      tax_bps: true,
      tax_amount: true,
      total: true,
      amount_paid: true,
      amount_due: true,
      due_date: true,
      notes: true,
      terms: true,
      order_id: true,
      paid_at: true,
    })
    .extend({ customer: z.object({ name: z.string() }) }),
  merchant: z.object({ name: z.string() }),
  key: z.string().describe("The merchant's publishable key, for the page's payment"),
  test_mode: z.boolean(),
});
export type CheckoutInvoice = z.infer<typeof checkoutInvoiceSchema>;
