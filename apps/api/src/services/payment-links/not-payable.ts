import type { LinkNotPayableMeta } from "@paygate/contracts";
import { eq } from "drizzle-orm";
import { merchants, type PaymentLinkRow } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import type { ServiceContext } from "../context.js";
import { serializePublicPaymentLink } from "./serialize.js";

type ClosedStatus = LinkNotPayableMeta["reason"];

/** The sentence each closed link's page shows (SPEC §14), also the error's description. */
export const closedLinkSentences: Record<ClosedStatus, string> = {
  expired: "This link has expired",
  cancelled: "This link was cancelled",
  paid: "This link has been paid",
};

/**
 * 410 `link_not_payable` for a link that is not `created`. Its meta carries what the hosted page
 * shows instead of the form: the reason, the link, the merchant's name, and for a paid link the
 * payment that paid it with the publishable key (the receipt view links the receipt with them).
 */
export async function linkNotPayable(ctx: ServiceContext, link: PaymentLinkRow): Promise<ServiceError> {
  if (link.status === "created") throw new Error(`payment link ${link.id} is payable`);
  const [merchant] = await ctx.db
    .select({ name: merchants.name, apiKey: merchants.apiKey })
    .from(merchants)
    .where(eq(merchants.id, link.merchantId));
  const meta: LinkNotPayableMeta = {
    reason: link.status,
    payment_link: serializePublicPaymentLink(link),
    merchant: { name: merchant?.name ?? "" },
    payment_id: link.status === "paid" ? link.paymentId : null,
    key: merchant?.apiKey ?? "",
  };
  return new ServiceError("link_not_payable", closedLinkSentences[link.status], { meta });
}
