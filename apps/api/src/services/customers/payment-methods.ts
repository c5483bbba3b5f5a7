import { type CustomerPaymentMethod, listQuerySchema } from "@paygate/contracts";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { type PaymentMethodRow, type PaymentRow, paymentMethods } from "../../db/schema/index.js";
import { notFound, ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { ServiceContext, TxContext } from "../context.js";
import { page } from "../serialize.js";
import { loadCustomer } from "./customers.js";

export function serializePaymentMethod(row: PaymentMethodRow): CustomerPaymentMethod {
  return {
    id: row.id,
    customer_id: row.customerId,
    type: row.type,
    card: { last4: row.cardLast4, network: row.cardNetwork, expiry_month: row.cardExpiryMonth, expiry_year: row.cardExpiryYear },
    created_at: row.createdAt.toISOString(),
    deleted_at: row.deletedAt ? row.deletedAt.toISOString() : null,
  };
}

/** A card is valid through the last day of its expiry month (UTC), by the service clock. */
export function isExpired(row: Pick<PaymentMethodRow, "cardExpiryMonth" | "cardExpiryYear">, now: Date): boolean {
  const year = now.getUTCFullYear();
  return row.cardExpiryYear < year || (row.cardExpiryYear === year && row.cardExpiryMonth < now.getUTCMonth() + 1);
}

/** The merchant's own payment method; another merchant's is "not found". */
export async function loadPaymentMethod(ctx: ServiceContext, merchantId: string, paymentMethodId: string, param = "id") {
  const [row] = await ctx.db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.id, paymentMethodId), eq(paymentMethods.merchantId, merchantId)));
  if (!row) throw notFound("Payment method", param);
  return row;
}

const unusable = (description: string) => new ServiceError("payment_method_unusable", description, { param: "payment_method" });

/**
 * A payment method that may pay for `customerId` now: the merchant's own (else 404), and then
 * (else 409 `payment_method_unusable`) the same customer's, not deleted, not expired.
 */
export async function usablePaymentMethod(
  ctx: ServiceContext,
  merchantId: string,
  paymentMethodId: string,
  customerId: string | null,
): Promise<PaymentMethodRow> {
  const row = await loadPaymentMethod(ctx, merchantId, paymentMethodId, "payment_method");
  if (customerId === null) throw unusable("A saved payment method can only pay an order that has a customer_id");
  if (row.customerId !== customerId) throw unusable("The payment method belongs to another customer");
  if (row.deletedAt) throw unusable("The payment method was deleted");
  if (isExpired(row, ctx.clock.now())) throw unusable("The card has expired");
  return row;
}

/** The customer's saved cards that were not deleted, newest first (expired ones too: the merchant may want to see them). */
export async function listCustomerPaymentMethods({
  ctx,
  merchantId,
  customerId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  customerId: string;
  query: z.input<typeof listQuerySchema>;
}) {
  const { limit, offset } = listQuerySchema.parse(query);
  await loadCustomer(ctx, merchantId, customerId);
  const rows = await ctx.db
    .select()
    .from(paymentMethods)
    .where(
      and(eq(paymentMethods.customerId, customerId), eq(paymentMethods.merchantId, merchantId), isNull(paymentMethods.deletedAt)),
    )
    .orderBy(desc(paymentMethods.createdAt), desc(paymentMethods.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializePaymentMethod), limit, offset);
}

/** The usable cards the checkout may offer for a one-tap payment: not deleted, not expired. */
export async function checkoutSavedCards(ctx: ServiceContext, merchantId: string, customerId: string) {
  const rows = await ctx.db
    .select()
    .from(paymentMethods)
    .where(
      and(eq(paymentMethods.customerId, customerId), eq(paymentMethods.merchantId, merchantId), isNull(paymentMethods.deletedAt)),
    )
    .orderBy(desc(paymentMethods.createdAt), desc(paymentMethods.id))
    .limit(20);
  const now = ctx.clock.now();
  return rows
    .filter((row) => !isExpired(row, now))
    .map((row) => ({
      id: row.id,
      last4: row.cardLast4,
      network: row.cardNetwork,
      expiry_month: row.cardExpiryMonth,
      expiry_year: row.cardExpiryYear,
    }));
}

/** `DELETE /payment_methods/:id`: it can no longer pay; deleting it again changes nothing. */
export async function deletePaymentMethod({
  ctx,
  merchantId,
  paymentMethodId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  paymentMethodId: string;
}) {
  const [row] = await ctx.db
    .update(paymentMethods)
    .set({ deletedAt: ctx.clock.now() })
    .where(
      and(eq(paymentMethods.id, paymentMethodId), eq(paymentMethods.merchantId, merchantId), isNull(paymentMethods.deletedAt)),
    )
    .returning();
  return serializePaymentMethod(row ?? (await loadPaymentMethod(ctx, merchantId, paymentMethodId)));
}

/**
 * Stores the card of a payment that succeeded and asked to be saved, in the transaction of that
 * success. One per payment (a rerun inserts nothing); the order's customer owns it.
 */
export async function savePaymentMethod(tx: TxContext, payment: PaymentRow, customerId: string, vaultReference: string) {
  if (!payment.cardLast4 || !payment.cardNetwork || !payment.cardExpiryMonth || !payment.cardExpiryYear) return null;
  const [row] = await tx.db
    .insert(paymentMethods)
    .values({
      id: newId("paymentMethod"),
      merchantId: payment.merchantId,
      customerId,
      type: "card",
      cardLast4: payment.cardLast4,
      cardNetwork: payment.cardNetwork,
      cardExpiryMonth: payment.cardExpiryMonth,
      cardExpiryYear: payment.cardExpiryYear,
      processorRef: vaultReference,
      sourcePaymentId: payment.id,
      createdAt: tx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}
