import { z } from "zod";
import { idSchema } from "./ids.js";
import { amountSchema, currencySchema } from "./money.js";

// ---------- shared pieces ----------

export const emailSchema = z.email({ error: "must be an email address" }).max(254);
export const passwordSchema = z.string().min(8, { error: "must be at least 8 characters" }).max(200);
export const nameSchema = z.string().trim().min(1).max(100);
export const webhookUrlSchema = z.url({ error: "must be an absolute http(s) URL" }).max(2048);
export const timestampSchema = z.string().describe("ISO-8601 timestamp");

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    has_more: z.boolean(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

// ---------- auth ----------

export const registerBodySchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  webhook_url: webhookUrlSchema.nullable().optional(),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const tokenBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const registerAdminBodySchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
});

export const roleSchema = z.enum(["merchant", "admin"]);

export const registerResultSchema = z.object({
  access: z.string(),
  api_key: z.string(),
  api_secret: z.string(),
  webhook_secret: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.literal("merchant"),
  merchant_id: z.string(),
});

export const tokenResultSchema = z.object({
  access: z.string(),
  api_key: z.string().nullable(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  merchant_id: z.string().optional(),
});

// ---------- merchant ----------

export const merchantSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  api_key: z.string().nullable(),
  webhook_url: z.string().nullable(),
  created_at: timestampSchema,
  deleted_at: timestampSchema.nullable(),
});
export type Merchant = z.infer<typeof merchantSchema>;

export const merchantPatchSchema = z.strictObject({
  name: nameSchema.optional(),
  webhook_url: webhookUrlSchema.nullable().optional(),
});

export const secretRotationResultSchema = z.object({ api_key: z.string(), api_secret: z.string() });
export const webhookSecretRotationResultSchema = z.object({
  webhook_secret: z.string(),
  previous_secret_valid_until: timestampSchema.nullable(),
});

// ---------- orders ----------

export const orderStatusSchema = z.enum(["created", "attempted", "paid", "cancelled"]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const notesSchema = z
  .record(z.string().min(1).max(40), z.string().max(256))
  .refine((notes) => Object.keys(notes).length <= 15, { error: "at most 15 notes" });

export const orderCreateSchema = z.strictObject({
  amount: amountSchema,
  currency: currencySchema.default("INR"),
  receipt: z.string().min(1).max(40).optional(),
  notes: notesSchema.optional(),
});
export type OrderCreate = z.infer<typeof orderCreateSchema>;

export const orderSchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: currencySchema,
  receipt: z.string().nullable(),
  notes: z.record(z.string(), z.string()),
  status: orderStatusSchema,
  amount_paid: z.number().int(),
  amount_due: z.number().int(),
  attempts: z.number().int(),
  created_at: timestampSchema,
});
export type Order = z.infer<typeof orderSchema>;

export const orderListQuerySchema = listQuerySchema.extend({ status: orderStatusSchema.optional() });

// ---------- payments ----------

export const paymentMethodSchema = z.enum(["card", "upi", "netbanking", "wallet"]);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export const paymentStatusSchema = z.enum([
  "pending",
  "requires_action",
  "authorized",
  "captured",
  "failed",
  "refunded",
]);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export const banks = ["HDFC", "ICICI", "SBI", "AXIS", "KOTAK", "YES"] as const;
export const wallets = ["paytm", "phonepe", "amazonpay", "mobikwik"] as const;

export const cardInputSchema = z.strictObject({
  number: z.string().min(1).max(40),
  expiry: z.string().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, { error: "expiry must be MM/YY" }),
  cvv: z.string().regex(/^\d{3,4}$/, { error: "cvv must be 3 or 4 digits" }),
  name: z.string().trim().max(100).optional(),
});
export type CardInput = z.infer<typeof cardInputSchema>;

const paymentFields = {
  order_id: idSchema("order"),
  method: paymentMethodSchema,
  card: cardInputSchema.optional(),
  vpa: z.string().max(100).optional(),
  bank: z.enum(banks).optional(),
  wallet: z.enum(wallets).optional(),
  email: emailSchema.optional(),
  contact: z.string().regex(/^\+?[0-9 -]{6,20}$/).optional(),
};

type MethodFields = { method: PaymentMethod; card?: unknown; vpa?: unknown; bank?: unknown; wallet?: unknown };

/** Each method needs exactly its own details and no other method's. */
function checkMethodFields(body: MethodFields, ctx: z.RefinementCtx) {
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

export const paymentCreateSchema = z
  .strictObject({ ...paymentFields, capture: z.enum(["automatic", "manual"]).default("automatic") })
  .superRefine(checkMethodFields);
export type PaymentCreate = z.infer<typeof paymentCreateSchema>;

export const publicPaymentCreateSchema = z
  .strictObject({ key: z.string().min(1).max(100), ...paymentFields })
  .superRefine(checkMethodFields);
export type PublicPaymentCreate = z.infer<typeof publicPaymentCreateSchema>;

export const cardSummarySchema = z.object({
  last4: z.string(),
  network: z.string(),
  expiry_month: z.number().int(),
  expiry_year: z.number().int(),
});

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
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Payment = z.infer<typeof paymentSchema>;

export const publicPaymentSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  status: paymentStatusSchema,
  error_code: z.string().nullable(),
  error_description: z.string().nullable(),
  signature: z.string().optional(),
});
export type PublicPayment = z.infer<typeof publicPaymentSchema>;

export const paymentListQuerySchema = listQuerySchema.extend({
  status: paymentStatusSchema.optional(),
  order_id: idSchema("order").optional(),
});

export const publicKeyQuerySchema = z.strictObject({ key: z.string().min(1).max(100) });

export const authenticateBodySchema = z.strictObject({
  key: z.string().min(1).max(100),
  otp: z.string().regex(/^\d{4,8}$/, { error: "otp must be 4–8 digits" }),
});

export const checkoutOrderSchema = z.object({
  order: z.object({
    id: z.string(),
    amount: z.number().int(),
    currency: currencySchema,
    status: orderStatusSchema,
    amount_due: z.number().int(),
  }),
  merchant: z.object({ name: z.string() }),
  methods: z.array(paymentMethodSchema),
  banks: z.array(z.string()),
  wallets: z.array(z.string()),
  test_mode: z.boolean(),
});
export type CheckoutOrder = z.infer<typeof checkoutOrderSchema>;

// ---------- refunds ----------

export const refundStatusSchema = z.enum(["pending", "processed", "failed"]);
export const refundCreateSchema = z.strictObject({
  amount: amountSchema.optional(),
  reason: z.string().trim().min(1).max(255).optional(),
});
export const refundSchema = z.object({
  id: z.string(),
  payment_id: z.string(),
  amount: z.number().int(),
  currency: currencySchema,
  reason: z.string().nullable(),
  status: refundStatusSchema,
  created_at: timestampSchema,
  processed_at: timestampSchema.nullable(),
});
export type Refund = z.infer<typeof refundSchema>;
export const refundListQuerySchema = listQuerySchema.extend({ payment_id: idSchema("payment").optional() });

// ---------- webhooks ----------

export const deliveryStatusSchema = z.enum(["pending", "success", "failed"]);
export const webhookDeliverySchema = z.object({
  id: z.string(),
  event_id: z.string(),
  event: z.string(),
  url: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  last_attempt_at: timestampSchema.nullable(),
  next_retry_at: timestampSchema.nullable(),
  response_code: z.number().int().nullable(),
  created_at: timestampSchema,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  response_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
  response_body: z.string().nullable(),
  created_at: timestampSchema,
});
export const webhookDeliveryDetailSchema = webhookDeliverySchema.extend({
  payload: z.record(z.string(), z.unknown()),
  attempt_log: z.array(webhookAttemptSchema),
});
export const webhookListQuerySchema = listQuerySchema.extend({ status: deliveryStatusSchema.optional() });

// ---------- stats ----------

/** One currency's money in the stats: amounts are never added across currencies. */
export const currencyStatsSchema = z.object({
  currency: currencySchema,
  successful_payments: z.number().int(),
  total_volume: z.number().int(),
  refunded_volume: z.number().int(),
});
export type CurrencyStats = z.infer<typeof currencyStatsSchema>;

/**
 * `GET /merchants/stats`: counts over every currency; `total_volume` and `refunded_volume` in
 * `currency` only; `by_currency` lists each currency the merchant has payments in.
 */
export const merchantStatsSchema = z.object({
  total_orders: z.number().int(),
  successful_payments: z.number().int(),
  successful_refunds: z.number().int(),
  canceled_payments: z.number().int(),
  total_volume: z.number().int(),
  refunded_volume: z.number().int(),
  success_rate: z.number(),
  currency: currencySchema,
  by_currency: z.array(currencyStatsSchema),
});
export type MerchantStats = z.infer<typeof merchantStatsSchema>;

/** An ISO date (`2026-05-01`) or date-time; a date-only `to` includes that whole day. */
const periodBoundSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be an ISO date (YYYY-MM-DD) or date-time",
});

export const merchantStatsQuerySchema = z
  .strictObject({
    currency: currencySchema.default("INR"),
    from: periodBoundSchema.optional(),
    to: periodBoundSchema.optional(),
  })
  .refine((query) => !query.from || !query.to || periodStart(query.from) < periodEnd(query.to), {
    error: "from must not be after to",
    path: ["from"],
  });
export type MerchantStatsQuery = z.infer<typeof merchantStatsQuerySchema>;

/** The first instant of a period bound (a date means its midnight UTC). */
export function periodStart(bound: string): Date {
  return new Date(bound.length === 10 ? `${bound}T00:00:00.000Z` : bound);
}

/** The first instant after a period bound (a date-only bound includes the whole day, UTC). */
export function periodEnd(bound: string): Date {
  const start = periodStart(bound);
  return bound.length === 10 ? new Date(start.getTime() + 86_400_000) : new Date(start.getTime() + 1);
}

export const adminStatsSchema = z.object({
  total_merchants: z.number().int(),
  total_admins: z.number().int(),
  total_orders: z.number().int(),
  total_successful_payments: z.number().int(),
  total_successful_refunds: z.number().int(),
  total_canceled_payments: z.number().int(),
  success_rate: z.number(),
});

export const adminMerchantStatsSchema = z.object({
  merchant_id: z.string(),
  email: z.string(),
  order_count: z.number().int(),
  successful_payments: z.number().int(),
  successful_refunds: z.number().int(),
  canceled_payments: z.number().int(),
});

export const adminStatsQuerySchema = z.strictObject({
  merchant_id: idSchema("merchant").optional(),
  include_deleted: z.enum(["true", "false"]).optional(),
});
export const adminMerchantsQuerySchema = listQuerySchema.extend({
  include_deleted: z.enum(["true", "false"]).optional(),
});

// ---------- errors ----------

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
