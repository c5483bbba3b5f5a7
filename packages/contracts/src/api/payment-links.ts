import { z } from "zod";
import { paymentLinkStatuses } from "../enums.js";
import { idSchema } from "../ids.js";
import { amountSchema, currencySchema } from "../money.js";
import { checkoutOrderSchema } from "./checkout.js";
import { emailSchema, listQuerySchema, nameSchema, textSchema, timestampSchema } from "./common.js";
import { paymentFields } from "./payments.js";

// ---------- payment links (SPEC §14) ----------

export const paymentLinkStatusSchema = z.enum(paymentLinkStatuses);
export type PaymentLinkStatus = z.infer<typeof paymentLinkStatusSchema>;

export const paymentLinkCustomerInputSchema = z.strictObject({
  name: nameSchema.optional(),
  email: emailSchema.optional(),
  contact: paymentFields.contact,
});

/**
 * `POST /payment_links`. `expire_by` must lie in the future by the server's clock (checked by the
 * service, which owns the clock); `reference_id` is the merchant's own reference, also written as
 * the order's `receipt`.
 */
export const paymentLinkCreateSchema = z.strictObject({
  amount: amountSchema,
  currency: currencySchema.default("INR"),
  description: textSchema().trim().min(1, { error: "description must not be empty" }).max(255),
  reference_id: textSchema().min(1).max(40).optional(),
  customer: paymentLinkCustomerInputSchema.optional(),
  /** SPEC §15: the merchant's customer it bills; its order carries it, so the page can save the card. */
  customer_id: idSchema("customer").optional(),
  expire_by: z.iso.datetime({ offset: true, error: "expire_by must be an ISO 8601 timestamp" }).optional(),
});
export type PaymentLinkCreate = z.infer<typeof paymentLinkCreateSchema>;

export const paymentLinkCustomerSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  contact: z.string().nullable(),
});

export const paymentLinkSchema = z.object({
  id: z.string(),
  /** `{CHECKOUT_URL}/l/{id}`: the full-page checkout the merchant sends to the customer. */
  url: z.string(),
  amount: z.number().int(),
  currency: currencySchema,
  description: z.string(),
  reference_id: z.string().nullable(),
  customer: paymentLinkCustomerSchema,
  /** SPEC §15: the merchant's customer (`cust_…`) the link and its order are for, if any. */
  customer_id: z.string().nullable(),
  status: paymentLinkStatusSchema,
  /** The link's order, created with it: the link pays once, through this order. */
  order_id: z.string(),
  expire_by: timestampSchema.nullable(),
  paid_at: timestampSchema.nullable(),
  created_at: timestampSchema,
});
export type PaymentLink = z.infer<typeof paymentLinkSchema>;

export const paymentLinkListQuerySchema = listQuerySchema.extend({ status: paymentLinkStatusSchema.optional() });
export type PaymentLinkListQuery = z.infer<typeof paymentLinkListQuerySchema>;

// ---------- the hosted link page's public endpoint ----------

/** What a shopper holding the link may see of it: no customer details, no reference. */
export const publicPaymentLinkSchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: currencySchema,
  description: z.string(),
  status: paymentLinkStatusSchema,
  expire_by: timestampSchema.nullable(),
  paid_at: timestampSchema.nullable(),
});
export type PublicPaymentLink = z.infer<typeof publicPaymentLinkSchema>;

/**
 * `GET /checkout/links/:id` for a payable link: the checkout order the payment form needs, the
 * link, and the merchant's publishable key, with which the page pays through the public payment
 * endpoints of SPEC §7 (the key is public; no secret is here).
 */
export const checkoutLinkSchema = checkoutOrderSchema.extend({
  payment_link: publicPaymentLinkSchema,
  key: z.string(),
});
export type CheckoutLink = z.infer<typeof checkoutLinkSchema>;

export const linkNotPayableReasons = ["expired", "cancelled", "paid"] as const;

/**
 * `meta` of the 410 `link_not_payable` answer: why, and what the page shows instead of the form
 * (the merchant, the link; for a paid link the payment that paid it, for its receipt view).
 */
export const linkNotPayableMetaSchema = z.object({
  reason: z.enum(linkNotPayableReasons),
  payment_link: publicPaymentLinkSchema,
  merchant: z.object({ name: z.string() }),
  payment_id: z.string().nullable(),
  key: z.string(),
});
export type LinkNotPayableMeta = z.infer<typeof linkNotPayableMetaSchema>;
