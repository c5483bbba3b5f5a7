/**
 * The status values of the API's resources, without zod: the dashboard imports this module alone
 * for its status filters (docs/adr/0002), and the zod enums in ./api are built from these arrays,
 * so a status added here reaches the API, the database columns and the dashboard at once.
 */

export const orderStatuses = ["created", "attempted", "paid", "cancelled"] as const;
export const paymentStatuses = ["pending", "requires_action", "authorized", "captured", "failed", "voided", "refunded"] as const;
export const refundStatuses = ["pending", "processed", "failed"] as const;
export const deliveryStatuses = ["pending", "success", "failed"] as const;
export const paymentLinkStatuses = ["created", "paid", "expired", "cancelled"] as const;
export const subscriptionStatuses = ["active", "past_due", "cancelled"] as const;
export const subscriptionIntervals = ["day", "week", "month", "year"] as const;
export const invoiceStatuses = ["draft", "sent", "viewed", "paid", "overdue", "cancelled"] as const;

/** Why a promo code does not apply (`meta.reason` of `discount_invalid`, SPEC §3 code 1023). */
export const discountInvalidReasons = [
  "unknown",
  "inactive",
  "not_started",
  "expired",
  "exhausted",
  "min_amount",
  "currency",
  "per_customer_limit",
] as const;
export type DiscountInvalidReason = (typeof discountInvalidReasons)[number];
export const discountTypes = ["percentage", "fixed"] as const;
export const webhookEndpointStatuses = ["enabled", "disabled"] as const;
