import type { checkoutDiscountBodySchema } from "@paygate/contracts";
import type { z } from "zod";
import type { ServiceContext } from "../context.js";
import { applyOrderDiscount, removeOrderDiscount } from "../discounts/apply.js";
import { getCheckoutOrder } from "./get-checkout-order.js";
import { merchantForKey } from "./public-payments.js";

/**
 * `POST /checkout/orders/:id/discount`: the shopper's code, on the key's merchant's order only
 * (another merchant's order is not found; another merchant's code is `unknown`). The email, when
 * the checkout has one, counts towards the code's per-customer limit unless the order has its own.
 */
export async function applyCheckoutDiscount({
  ctx,
  orderId,
  input,
}: {
  ctx: ServiceContext;
  orderId: string;
  input: z.output<typeof checkoutDiscountBodySchema>;
}) {
  const merchant = await merchantForKey(ctx, input.key);
  await applyOrderDiscount({ ctx, merchantId: merchant.id, orderId, code: input.code, customer: { email: input.email ?? null } });
  return getCheckoutOrder({ ctx, key: input.key, orderId });
}

/** `DELETE /checkout/orders/:id/discount?key=`: gives the code's use back. */
export async function removeCheckoutDiscount({ ctx, key, orderId }: { ctx: ServiceContext; key: string; orderId: string }) {
  const merchant = await merchantForKey(ctx, key);
  await removeOrderDiscount({ ctx, merchantId: merchant.id, orderId });
  return getCheckoutOrder({ ctx, key, orderId });
}
