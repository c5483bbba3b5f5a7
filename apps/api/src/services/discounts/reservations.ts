import type { DiscountInvalidReason } from "@paygate/contracts";
import { and, eq, isNull, lt, ne, or, type SQL, sql } from "drizzle-orm";
import { type DiscountRow, discountRedemptions, discounts, type OrderRow, orders } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { ServiceContext, TxContext } from "../context.js";
import { discountAmountFor } from "./amount.js";

/**
 * Who is using a code, for `max_uses_per_customer`: the email (the order's `customer_email`, else
 * the one the checkout sends with the code) and the order's customer (`customer_id`). A use by
 * either counts, so a customer cannot get round the limit by changing the email they type.
 */
export interface CustomerRef {
  email?: string | null;
  customerId?: string | null;
}

export const discountInvalid = (reason: DiscountInvalidReason, description: string) =>
  new ServiceError("discount_invalid", description, { param: "code", meta: { reason } });

const descriptions: Record<DiscountInvalidReason, string> = {
  unknown: "No promo code with this name",
  inactive: "This promo code is not active",
  not_started: "This promo code is not valid yet",
  expired: "This promo code has expired",
  exhausted: "This promo code has been fully used",
  min_amount: "The order is below this promo code's minimum amount",
  currency: "This promo code is for another currency",
  per_customer_limit: "This customer has already used this promo code",
};

/** The merchant's code, whatever case it was typed in; null when there is none. */
export async function findDiscountByCode(ctx: ServiceContext, merchantId: string, code: string) {
  const [row] = await ctx.db
    .select()
    .from(discounts)
    .where(and(eq(discounts.merchantId, merchantId), sql`upper(${discounts.code}) = ${code.trim().toUpperCase()}`));
  return row ?? null;
}

/**
 * Whether `row` may take one more use on an order of `amount` `currency` at `now`, and how much it
 * takes off. `exhausted` here reads `times_used`; the reservation's guarded UPDATE is what holds
 * under concurrency.
 */
export function checkDiscount(
  row: DiscountRow | null,
  amount: number,
  currency: string,
  now: Date,
): { ok: true; amount: number } | { ok: false; reason: DiscountInvalidReason } {
  if (!row) return { ok: false, reason: "unknown" };
  if (!row.active) return { ok: false, reason: "inactive" };
  if (row.validFrom && now < row.validFrom) return { ok: false, reason: "not_started" };
  if (row.validUntil && now >= row.validUntil) return { ok: false, reason: "expired" };
  const outcome = discountAmountFor(row, amount, currency);
  if (!outcome.ok) return outcome;
  if (row.maxUses !== null && row.timesUsed >= row.maxUses) return { ok: false, reason: "exhausted" };
  return outcome;
}

/** Live uses (reserved or redeemed) of a code by one customer, other than `exceptOrderId`'s. */
export async function customerUses(ctx: ServiceContext, discountId: string, customer: CustomerRef, exceptOrderId?: string) {
  const who: SQL[] = [];
  if (customer.email) who.push(eq(discountRedemptions.customerEmail, customer.email.toLowerCase()));
  if (customer.customerId) who.push(eq(discountRedemptions.customerId, customer.customerId));
  if (who.length === 0) return 0;
  const [row] = await ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(discountRedemptions)
    .where(
      and(
        eq(discountRedemptions.discountId, discountId),
        ne(discountRedemptions.status, "released"),
        or(...who),
        ...(exceptOrderId ? [ne(discountRedemptions.orderId, exceptOrderId)] : []),
      ),
    );
  return Number(row?.count ?? 0);
}

/**
 * Reserves one use of `code` for `order` and records the discount on the order. The caller holds
 * the order's lock and has released any previous code. The use is taken by a guarded
 * `UPDATE … WHERE max_uses IS NULL OR times_used < max_uses`: of N concurrent reservations of the
 * last use exactly one finds the guard open; the others throw `exhausted` and roll back. The
 * per-customer count runs after that UPDATE, under the code's row lock, so it sees every use
 * committed before it.
 */
export async function reserveDiscount(tx: TxContext, order: OrderRow, code: string, customer: CustomerRef): Promise<OrderRow> {
  const discount = await findDiscountByCode(tx, order.merchantId, code);
  const outcome = checkDiscount(discount, order.amount, order.currency, tx.clock.now());
  if (!outcome.ok || !discount) {
    const reason = outcome.ok ? "unknown" : outcome.reason;
    throw discountInvalid(reason, descriptions[reason]);
  }
  if (discount.maxUsesPerCustomer !== null && !customer.email && !customer.customerId) {
    throw new ServiceError("validation_error", "This promo code is limited per customer: give the customer's email", {
      param: "email",
    });
  }
  const [taken] = await tx.db
    .update(discounts)
    .set({ timesUsed: sql`${discounts.timesUsed} + 1`, updatedAt: tx.clock.now() })
    .where(and(eq(discounts.id, discount.id), or(isNull(discounts.maxUses), lt(discounts.timesUsed, discounts.maxUses))))
    .returning({ id: discounts.id });
  if (!taken) throw discountInvalid("exhausted", descriptions.exhausted);
  if (
    discount.maxUsesPerCustomer !== null &&
    (await customerUses(tx, discount.id, customer, order.id)) >= discount.maxUsesPerCustomer
  ) {
    throw discountInvalid("per_customer_limit", descriptions.per_customer_limit);
  }
  const now = tx.clock.now();
  await tx.db.insert(discountRedemptions).values({
    id: newId("discountRedemption"),
    merchantId: order.merchantId,
    discountId: discount.id,
    orderId: order.id,
    status: "reserved",
    amount: outcome.amount,
    customerEmail: customer.email?.toLowerCase() ?? null,
    customerId: customer.customerId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const [row] = await tx.db
    .update(orders)
    .set({ discountCode: discount.code, discountAmount: outcome.amount, updatedAt: now })
    .where(eq(orders.id, order.id))
    .returning();
  if (!row) throw new Error(`order ${order.id} vanished under its lock`);
  return row;
}

/**
 * Gives back the order's reserved use, if any (removal, or the order cancelled): the reservation
 * is marked `released` and `times_used` goes down in the same transaction. A redeemed use stays.
 */
export async function releaseDiscount(tx: TxContext, orderId: string) {
  const released = await tx.db
    .update(discountRedemptions)
    .set({ status: "released", updatedAt: tx.clock.now() })
    .where(and(eq(discountRedemptions.orderId, orderId), eq(discountRedemptions.status, "reserved")))
    .returning({ discountId: discountRedemptions.discountId });
  for (const { discountId } of released) {
    await tx.db
      .update(discounts)
      .set({ timesUsed: sql`${discounts.timesUsed} - 1`, updatedAt: tx.clock.now() })
      .where(eq(discounts.id, discountId));
  }
  return released.length > 0;
}

/** The order was paid: its reserved use becomes a redemption (it keeps counting in `times_used`). */
export async function redeemDiscount(tx: TxContext, orderId: string) {
  await tx.db
    .update(discountRedemptions)
    .set({ status: "redeemed", updatedAt: tx.clock.now() })
    .where(and(eq(discountRedemptions.orderId, orderId), eq(discountRedemptions.status, "reserved")));
}
