import { z } from "zod";
import { discountInvalidReasons, discountTypes } from "../enums.js";
import { amountSchema, currencySchema } from "../money.js";
import { emailSchema, listQuerySchema, textSchema, timestampSchema } from "./common.js";

/** Promo codes (SPEC §14): `POST /discounts`, `PATCH /discounts/:id`, `POST /discounts/validate`. */

export const discountTypeSchema = z.enum(discountTypes);
export const discountInvalidReasonSchema = z.enum(discountInvalidReasons);

/** 3–32 of A–Z 0–9 `_` `-`, typed in any case and kept uppercase (codes are case-insensitive). */
export const discountCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,32}$/, { error: "must be 3–32 letters, digits, '_' or '-' (no spaces)" })
  .toUpperCase();

const instantSchema = z.iso.datetime({ offset: true, error: "must be an ISO 8601 timestamp" });
const usesSchema = z.number().int().min(1).max(1_000_000_000);

const discountLimits = {
  description: textSchema().max(200).nullable().optional(),
  max_uses: usesSchema.nullable().optional(),
  max_uses_per_customer: usesSchema.nullable().optional(),
  valid_from: instantSchema.nullable().optional(),
  valid_until: instantSchema.nullable().optional(),
  active: z.boolean().optional(),
};

function checkWindow(body: { valid_from?: string | null; valid_until?: string | null }, issues: z.RefinementCtx) {
  if (body.valid_from && body.valid_until && Date.parse(body.valid_from) >= Date.parse(body.valid_until)) {
    issues.addIssue({ code: "custom", path: ["valid_until"], message: "must be after valid_from" });
  }
}

export const discountCreateSchema = z
  .strictObject({
    code: discountCodeSchema,
    type: discountTypeSchema,
    value: z.number().int({ error: "value must be an integer" }),
    currency: currencySchema.optional(),
    max_discount_amount: amountSchema.optional(),
    min_order_amount: amountSchema.optional(),
    ...discountLimits,
  })
  .superRefine((body, issues) => {
    if (body.type === "percentage" && (body.value < 1 || body.value > 10_000)) {
      issues.addIssue({ code: "custom", path: ["value"], message: "a percentage is 1–10000 basis points (10000 = 100 %)" });
    }
    if (body.type === "fixed") {
      const amount = amountSchema.safeParse(body.value);
      if (!amount.success)
        issues.addIssue({ code: "custom", path: ["value"], message: "a fixed value is a positive amount in minor units" });
      if (!body.currency) issues.addIssue({ code: "custom", path: ["currency"], message: "a fixed discount needs its currency" });
    }
    for (const field of ["max_discount_amount", "min_order_amount"] as const) {
      if (body[field] !== undefined && !body.currency) {
        issues.addIssue({ code: "custom", path: ["currency"], message: `${field} is in the code's currency: give currency` });
      }
    }
    checkWindow(body, issues);
  });
export type DiscountCreate = z.infer<typeof discountCreateSchema>;

/** What may change after creation: the limits and the window, never the code nor the amount rule. */
export const discountPatchSchema = z.strictObject(discountLimits).superRefine(checkWindow);
export type DiscountPatch = z.infer<typeof discountPatchSchema>;

export const discountSchema = z.object({
  id: z.string(),
  code: z.string(),
  description: z.string().nullable(),
  type: discountTypeSchema,
  value: z.number().int(),
  currency: currencySchema.nullable(),
  max_discount_amount: z.number().int().nullable(),
  min_order_amount: z.number().int().nullable(),
  max_uses: z.number().int().nullable(),
  max_uses_per_customer: z.number().int().nullable(),
  valid_from: timestampSchema.nullable(),
  valid_until: timestampSchema.nullable(),
  active: z.boolean(),
  times_used: z.number().int(),
  created_at: timestampSchema,
});
export type Discount = z.infer<typeof discountSchema>;

export const discountListQuerySchema = listQuerySchema;

export const discountValidateSchema = z.strictObject({
  code: textSchema().max(64),
  amount: amountSchema,
  currency: currencySchema,
  customer_email: emailSchema.optional(),
});
export type DiscountValidate = z.infer<typeof discountValidateSchema>;

export const discountValidationSchema = z.object({
  valid: z.boolean(),
  discount_amount: z.number().int(),
  reason: discountInvalidReasonSchema.optional(),
});
export type DiscountValidation = z.infer<typeof discountValidationSchema>;

/** An order's applied code: `amount_due = amount − discount.amount − amount_paid`. */
export const orderDiscountSchema = z.object({ code: z.string(), amount: z.number().int() }).nullable();
