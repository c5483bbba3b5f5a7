import { z } from "zod";
import { listOf, listQuerySchema, timestampSchema } from "./api/common.js";
import { idSchema } from "./ids.js";
import { currencySchema } from "./money.js";

// ---------- balance (SPEC §13) ----------

/** One currency of `GET /balance`, in minor units; either part may be negative. */
export const currencyBalanceSchema = z.object({
  currency: currencySchema,
  available: z.number().int(),
  pending: z.number().int(),
});
export type CurrencyBalance = z.infer<typeof currencyBalanceSchema>;

export const balanceSchema = z.object({ balances: z.array(currencyBalanceSchema) });
export type Balance = z.infer<typeof balanceSchema>;

export const balanceTransactionTypes = ["payment", "refund", "refund_failure", "settlement", "adjustment"] as const;
export const balanceTransactionTypeSchema = z.enum(balanceTransactionTypes);
export type BalanceTransactionType = z.infer<typeof balanceTransactionTypeSchema>;

/**
 * A movement of the merchant's balance, as Stripe's balance transactions: `amount` signed (a
 * refund or settlement is negative), `net = amount − fee`, `status` by the clock against
 * `available_on`.
 */
export const balanceTransactionSchema = z.object({
  id: z.string(),
  type: balanceTransactionTypeSchema,
  source_id: z.string(),
  amount: z.number().int(),
  fee: z.number().int(),
  net: z.number().int(),
  currency: currencySchema,
  status: z.enum(["pending", "available"]),
  available_on: timestampSchema,
  created_at: timestampSchema,
});
export type BalanceTransaction = z.infer<typeof balanceTransactionSchema>;

export const balanceTransactionListQuerySchema = listQuerySchema.extend({
  type: balanceTransactionTypeSchema.optional(),
  currency: currencySchema.optional(),
  source_id: z
    .string()
    .regex(/^(pay|rfnd|setl)_[A-Za-z0-9_-]{8,40}$/, { error: "must be a payment, refund or settlement id" })
    .optional(),
});
export type BalanceTransactionListQuery = z.infer<typeof balanceTransactionListQuerySchema>;

// ---------- settlements ----------

export const settlementSchema = z.object({
  id: z.string(),
  currency: currencySchema,
  amount: z.number().int(),
  status: z.literal("processed"),
  transaction_count: z.number().int(),
  period_start: timestampSchema,
  period_end: timestampSchema,
  created_at: timestampSchema,
});
export type Settlement = z.infer<typeof settlementSchema>;

export const settlementListQuerySchema = listQuerySchema.extend({ currency: currencySchema.optional() });
export const settlementParamsSchema = z.strictObject({ id: idSchema("settlement") });

export const balanceTransactionListSchema = listOf(balanceTransactionSchema);
export const settlementListSchema = listOf(settlementSchema);

// ---------- admin ----------

export const trialBalanceSchema = z.object({
  balanced: z.boolean(),
  by_currency: z.array(z.object({ currency: currencySchema, debits: z.number().int(), credits: z.number().int() })),
});
export type TrialBalance = z.infer<typeof trialBalanceSchema>;

/** `PATCH /admin/merchants/:id`: a merchant's fee override; null returns a part to the default. */
export const merchantFeesPatchSchema = z
  .strictObject({
    fee_bps: z.number().int().min(0).max(10_000).nullable().optional(),
    fee_fixed: z.number().int().min(0).max(1_000_000).nullable().optional(),
  })
  .refine((patch) => patch.fee_bps !== undefined || patch.fee_fixed !== undefined, { error: "send fee_bps or fee_fixed" });
export type MerchantFeesPatch = z.infer<typeof merchantFeesPatchSchema>;

/** The fees that apply to a merchant's captures from now on. */
export const merchantFeesSchema = z.object({
  merchant_id: z.string(),
  fee_bps: z.number().int(),
  fee_fixed: z.number().int(),
  overridden: z.boolean(),
});
export type MerchantFees = z.infer<typeof merchantFeesSchema>;
