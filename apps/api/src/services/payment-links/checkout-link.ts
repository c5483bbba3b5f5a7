import type { CheckoutLink } from "@paygate/contracts";
import { eq } from "drizzle-orm";
import { merchants, type PaymentLinkRow, paymentLinks } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { getCheckoutOrder } from "../checkout/get-checkout-order.js";
import type { ServiceContext } from "../context.js";
import { expirePaymentLink } from "./expiry.js";
import { linkNotPayable } from "./not-payable.js";
import { serializePublicPaymentLink } from "./serialize.js";

async function findLink(ctx: ServiceContext, linkId: string): Promise<PaymentLinkRow> {
  const [row] = await ctx.db.select().from(paymentLinks).where(eq(paymentLinks.id, linkId));
  if (!row) throw notFound("Payment link");
  return row;
}

/**
 * `GET /checkout/links/:id`, public: the link's id is what the merchant shares, and all it
 * opens is the page's view of the link and the merchant's publishable key (to pay through the
 * public payment endpoints). A link that is no longer payable answers 410 `link_not_payable`;
 * one past its `expire_by` is expired here and now, without waiting for the job.
 */
export async function getCheckoutLink({ ctx, linkId }: { ctx: ServiceContext; linkId: string }): Promise<CheckoutLink> {
  let link = await findLink(ctx, linkId);
  const [merchant] = await ctx.db.select().from(merchants).where(eq(merchants.id, link.merchantId));
  // A deleted merchant's links (or a merchant without keys) take no payments.
  if (!merchant?.apiKey || merchant.deletedAt) throw notFound("Payment link");
  if (link.status === "created" && link.expireBy && link.expireBy.getTime() <= ctx.clock.now().getTime()) {
    await expirePaymentLink(ctx, link.id);
    link = await findLink(ctx, linkId);
  }
  if (link.status !== "created") throw await linkNotPayable(ctx, link);
  const checkout = await getCheckoutOrder({ ctx, key: merchant.apiKey, orderId: link.orderId });
  return { ...checkout, payment_link: serializePublicPaymentLink(link), key: merchant.apiKey };
}
