import type { Currency, DiscountInvalidReason } from "@paygate/contracts";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { discountRedemptions, discounts } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { ServiceContext, TxContext } from "../context.js";
import { checkDiscount, customerUses, findDiscountByCode } from "../discounts/reservations.js";

export interface InvoiceDiscountRequest {
  merchantId: string;
  code: string;
  /** What the discount applies to: the invoice's subtotal, in minor units of `currency`. */
  subtotal: number;
  currency: Currency;
  customerEmail: string;
}

const invalid = (code: string, reason: DiscountInvalidReason) =>
  new ServiceError("discount_invalid", `The discount code "${code}" cannot be applied (${reason.replace(/_/g, " ")})`, {
    param: "discount_code",
    meta: { reason },
  });

/**
 * The discount an invoice's `discount_code` gives on its subtotal, in minor units: the one call
 * the invoice arithmetic takes its discount from, checked by the promo codes' own rules (SPEC §14:
 * validity, currency, minimum, uses, per-customer limit by the invoice's email). A draft only
 * checks; the use is reserved when the invoice is sent (reserveInvoiceDiscount).
 */
export async function invoiceDiscountFor(ctx: ServiceContext, request: InvoiceDiscountRequest): Promise<number> {
  const discount = await findDiscountByCode(ctx, request.merchantId, request.code);
  const outcome = checkDiscount(discount, request.subtotal, request.currency, ctx.clock.now());
  if (!outcome.ok) throw invalid(request.code, outcome.reason);
  if (!discount) throw invalid(request.code, "unknown");
  if (
    discount.maxUsesPerCustomer !== null &&
    (await customerUses(ctx, discount.id, { email: request.customerEmail })) >= discount.maxUsesPerCustomer
  ) {
    throw invalid(request.code, "per_customer_limit");
  }
  return outcome.amount;
}

/**
 * At send: checks the code again and reserves one use for the invoice's order (released if the
 * invoice is cancelled, redeemed when its order is paid, as for any order). The order itself
 * carries no discount: its amount is already the invoice's total. Takes the use with the same
 * guarded UPDATE as an order's code, so the last use goes to exactly one of concurrent sends.
 * Returns the amount to price the invoice with.
 */
export async function reserveInvoiceDiscount(tx: TxContext, request: InvoiceDiscountRequest & { orderId: string }) {
  const discount = await findDiscountByCode(tx, request.merchantId, request.code);
  const outcome = checkDiscount(discount, request.subtotal, request.currency, tx.clock.now());
  if (!outcome.ok) throw invalid(request.code, outcome.reason);
  if (!discount) throw invalid(request.code, "unknown");
  const now = tx.clock.now();
  const [taken] = await tx.db
    .update(discounts)
    .set({ timesUsed: sql`${discounts.timesUsed} + 1`, updatedAt: now })
    .where(and(eq(discounts.id, discount.id), or(isNull(discounts.maxUses), lt(discounts.timesUsed, discounts.maxUses))))
    .returning({ id: discounts.id });
  if (!taken) throw invalid(request.code, "exhausted");
  // Counted after the UPDATE, under the code's row lock: every use committed before is seen.
  if (
    discount.maxUsesPerCustomer !== null &&
    (await customerUses(tx, discount.id, { email: request.customerEmail })) >= discount.maxUsesPerCustomer
  ) {
    throw invalid(request.code, "per_customer_limit");
  }
  await tx.db.insert(discountRedemptions).values({
    id: newId("discountRedemption"),
    merchantId: request.merchantId,
    discountId: discount.id,
    orderId: request.orderId,
    status: "reserved",
    amount: outcome.amount,
    customerEmail: request.customerEmail.toLowerCase(),
    createdAt: now,
    updatedAt: now,
  });
  return outcome.amount;
}
