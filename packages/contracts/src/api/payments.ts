import { z } from "zod";
import { paymentStatuses } from "../enums.js";
import { idSchema } from "../ids.js";
import { currencySchema } from "../money.js";
import { emailSchema, listQuerySchema, textSchema, timestampSchema } from "./common.js";

export const paymentMethodSchema = z.enum(["card", "upi", "netbanking", "wallet"]);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export const paymentStatusSchema = z.enum(paymentStatuses);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;
export const captureModeSchema = z.enum(["automatic", "manual"]);
export type CaptureMode = z.infer<typeof captureModeSchema>;

export const banks = ["HDFC", "ICICI", "SBI", "AXIS", "KOTAK", "YES"] as const;
export const wallets = ["paytm", "phonepe", "amazonpay", "mobikwik"] as const;

export const cardInputSchema = z.strictObject({
  number: textSchema().min(1).max(40),
  expiry: textSchema().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, { error: "expiry must be MM/YY" }),
  cvv: textSchema().regex(/^\d{3,4}$/, { error: "cvv must be 3 or 4 digits" }),
  name: textSchema().trim().max(100).optional(),
});
export type CardInput = z.infer<typeof cardInputSchema>;

/** The publishable key the checkout sends with every public request. */
export const publishableKeySchema = textSchema().min(1).max(100);

export const paymentFields = {
  order_id: idSchema("order"),
  method: paymentMethodSchema,
  card: cardInputSchema.optional(),
  vpa: textSchema().max(100).optional(),
  bank: z.enum(banks).optional(),
  wallet: z.enum(wallets).optional(),
  email: emailSchema.optional(),
  contact: textSchema()
    .regex(/^\+?[0-9 -]{6,20}$/)
    .optional(),
};

type MethodFields = { method: PaymentMethod; card?: unknown; vpa?: unknown; bank?: unknown; wallet?: unknown };

/** Each method needs exactly its own details and no other method's. */
export function checkMethodFields(body: MethodFields, ctx: z.RefinementCtx) {
  const needs = { card: "card", upi: "vpa", netbanking: "bank", wallet: "wallet" } as const;
  const required = needs[body.method];
  for (const field of ["card", "vpa", "bank", "wallet"] as const) {
    const present = body[field] !== undefined;
    if (field === required && !present) {
      ctx.addIssue({ code: "custom", path: [field], message: `${field} is required for method ${body.method}` });
    } else if (field !== required && present) {
      ctx.addIssue({ code: "custom", path: [field], message: `${field} is not allowed for method ${body.method}` });
    }
  }
}

/**
 * A payment pays with an instrument (`method` and its details) or with a saved card
 * (`payment_method: "pm_…"`, SPEC §15; `method` may then only say `card`).
 */
export const paymentSourceFields = {
  ...paymentFields,
  method: paymentMethodSchema.optional(),
  payment_method: idSchema("paymentMethod").optional(),
};

type SourceFields = Omit<MethodFields, "method"> & { method?: PaymentMethod; payment_method?: unknown };

/** Exactly one source: a saved payment method without any instrument, or a method with its details. */
export function checkPaymentSource(body: SourceFields, ctx: z.RefinementCtx) {
  if (body.payment_method !== undefined) {
    for (const field of ["card", "vpa", "bank", "wallet"] as const) {
      if (body[field] !== undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: `${field} is not allowed with payment_method` });
      }
    }
    if (body.method !== undefined && body.method !== "card") {
      ctx.addIssue({ code: "custom", path: ["method"], message: "a saved payment method is a card" });
    }
    return;
  }
  if (body.method === undefined) {
    ctx.addIssue({ code: "custom", path: ["method"], message: "method is required (or payment_method, a saved card)" });
    return;
  }
  checkMethodFields({ ...body, method: body.method }, ctx);
}

export const paymentCreateSchema = z
  .strictObject({ ...paymentSourceFields, capture: captureModeSchema.default("automatic") })
  .superRefine(checkPaymentSource);
export type PaymentCreate = z.infer<typeof paymentCreateSchema>;

export const cardSummarySchema = z.object({
  last4: z.string(),
  network: z.string(),
  expiry_month: z.number().int(),
  expiry_year: z.number().int(),
});
export type CardSummary = z.infer<typeof cardSummarySchema>;

export const paymentSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  amount: z.number().int(),
  currency: currencySchema,
  method: paymentMethodSchema,
  status: paymentStatusSchema,
  captured: z.boolean(),
  amount_refunded: z.number().int(),
  card: cardSummarySchema.nullable(),
  vpa: z.string().nullable(),
  bank: z.string().nullable(),
  wallet: z.string().nullable(),
  email: z.string().nullable(),
  contact: z.string().nullable(),
  error_code: z.string().nullable(),
  error_description: z.string().nullable(),
  /** `RCPT-000001`, per merchant and gapless, assigned at capture; null before. */
  receipt_number: z.string().nullable(),
  /** The saved card (`pm_…`) that paid, if one did. */
  payment_method_id: z.string().nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Payment = z.infer<typeof paymentSchema>;

export const paymentListQuerySchema = listQuerySchema.extend({
  status: paymentStatusSchema.optional(),
  order_id: idSchema("order").optional(),
});
export type PaymentListQuery = z.infer<typeof paymentListQuerySchema>;
