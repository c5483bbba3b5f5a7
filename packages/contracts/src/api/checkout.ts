import { z } from "zod";
import { currencySchema } from "../money.js";
import { emailSchema, textSchema } from "./common.js";
import { orderDiscountSchema } from "./discounts.js";
import { orderStatusSchema } from "./orders.js";
import {
  cardSummarySchema,
  checkPaymentSource,
  paymentMethodSchema,
  paymentSourceFields,
  paymentStatusSchema,
  publishableKeySchema,
} from "./payments.js";

/** The public endpoints of SPEC §7, authorised by the publishable key alone. */

export const publicPaymentCreateSchema = z
  .strictObject({
    key: publishableKeySchema,
    ...paymentSourceFields,
    /** The shopper's "Save this card for future payments" (SPEC §15): only for an order with a customer. */
    save_card: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    checkPaymentSource(body, ctx);
    if (body.save_card && (body.method !== "card" || body.payment_method !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["save_card"], message: "only a card entered now can be saved" });
    }
  });
export type PublicPaymentCreate = z.infer<typeof publicPaymentCreateSchema>;

export const publicPaymentSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  status: paymentStatusSchema,
  error_code: z.string().nullable(),
  error_description: z.string().nullable(),
  signature: z.string().optional(),
});
export type PublicPayment = z.infer<typeof publicPaymentSchema>;

export const publicKeyQuerySchema = z.strictObject({ key: publishableKeySchema });

export const authenticateBodySchema = z.strictObject({
  key: publishableKeySchema,
  otp: textSchema().regex(/^\d{4,8}$/, { error: "otp must be 4–8 digits" }),
});
export type AuthenticateBody = z.infer<typeof authenticateBodySchema>;

export const checkoutOrderSchema = z.object({
  order: z.object({
    id: z.string(),
    amount: z.number().int(),
    currency: currencySchema,
    status: orderStatusSchema,
    amount_due: z.number().int(),
    discount: orderDiscountSchema,
  }),
  merchant: z.object({ name: z.string() }),
  /**
   * Whether the shopper may apply a promo code here: false on an invoice's order (its discount is
   * set when the invoice is drafted), a subscription's order, or while a payment is in flight.
   */
  promo_codes: z.boolean(),
  methods: z.array(paymentMethodSchema),
  /** Whether the order has a customer, so the checkout may offer to save the card. */
  can_save_card: z.boolean(),
  /** The order's customer's usable saved cards, for a one-tap payment. */
  saved_cards: z.array(cardSummarySchema.extend({ id: z.string() })),
  banks: z.array(z.string()),
  wallets: z.array(z.string()),
  test_mode: z.boolean(),
});
export type CheckoutOrder = z.infer<typeof checkoutOrderSchema>;

/** `POST /checkout/orders/:id/discount`: the shopper's promo code (and email, for per-customer limits). */
export const checkoutDiscountBodySchema = z.strictObject({
  key: publishableKeySchema,
  code: textSchema().trim().min(1).max(64),
  email: emailSchema.optional(),
});
export type CheckoutDiscountBody = z.infer<typeof checkoutDiscountBodySchema>;
