import type { PaymentLink, PublicPaymentLink } from "@paygate/contracts";
import type { PaymentLinkRow } from "../../db/schema/index.js";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The link's hosted page: `{CHECKOUT_URL}/l/{id}` (SPEC §14). */
export function paymentLinkUrl(checkoutUrl: string, id: string): string {
  return `${checkoutUrl.replace(/\/+$/, "")}/l/${id}`;
}

export function serializePaymentLink(row: PaymentLinkRow, checkoutUrl: string): PaymentLink {
  return {
    id: row.id,
    url: paymentLinkUrl(checkoutUrl, row.id),
    amount: row.amount,
    currency: row.currency,
    description: row.description,
    reference_id: row.referenceId,
    customer: row.customer,
    customer_id: row.customerId,
    status: row.status,
    order_id: row.orderId,
    expire_by: iso(row.expireBy),
    paid_at: iso(row.paidAt),
    created_at: row.createdAt.toISOString(),
  };
}

/** What the hosted page may show to whoever holds the link: no customer details, no reference. */
export function serializePublicPaymentLink(row: PaymentLinkRow): PublicPaymentLink {
  return {
    id: row.id,
    amount: row.amount,
    currency: row.currency,
    description: row.description,
    status: row.status,
    expire_by: iso(row.expireBy),
    paid_at: iso(row.paidAt),
  };
}
