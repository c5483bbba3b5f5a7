import { banks, paymentMethodSchema, wallets } from "@paygate/contracts";
import type { ServiceContext } from "../context.js";
import { checkoutSavedCards } from "../customers/payment-methods.js";
import { promoCodesAccepted } from "../discounts/apply.js";
import { loadOrder } from "../orders/orders.js";
import { serializeOrder } from "../serialize.js";
import { merchantForKey } from "./public-payments.js";

/** `GET /checkout/orders/:id?key=`: what the checkout page shows. */
export async function getCheckoutOrder({ ctx, key, orderId }: { ctx: ServiceContext; key: string; orderId: string }) {
  const merchant = await merchantForKey(ctx, key);
  const row = await loadOrder(ctx, merchant.id, orderId);
  const order = serializeOrder(row);
  return {
    order: {
      id: order.id,
      amount: order.amount,
      currency: order.currency,
      status: order.status,
      amount_due: order.amount_due,
      discount: order.discount,
    },
    merchant: { name: merchant.name },
    promo_codes: await promoCodesAccepted(ctx.db, row),
    methods: [...paymentMethodSchema.options],
    can_save_card: row.customerId !== null,
    saved_cards: row.customerId === null ? [] : await checkoutSavedCards(ctx, merchant.id, row.customerId),
    banks: [...banks],
    wallets: [...wallets],
    test_mode: ctx.config.testMode,
  };
}
