import type { Currency, Merchant, Order, Payment, PublicPayment, Refund } from "@paygate/contracts";
import type { MerchantRow, OrderRow, PaymentRow, RefundRow } from "../db/schema/index.js";

const iso = (date: Date) => date.toISOString();

/** What a payment on the order must take (SPEC §14): `amount − discount − amount_paid`. */
export const amountDue = (row: Pick<OrderRow, "amount" | "discountAmount" | "amountPaid">) =>
  row.amount - row.discountAmount - row.amountPaid;

export function serializeOrder(row: OrderRow): Order {
  return {
    id: row.id,
    amount: row.amount,
    currency: row.currency as Currency,
    receipt: row.receipt,
    notes: row.notes,
    status: row.status,
    discount: row.discountCode === null ? null : { code: row.discountCode, amount: row.discountAmount },
    amount_paid: row.amountPaid,
    amount_due: row.status === "cancelled" ? 0 : amountDue(row),
    attempts: row.attempts,
    customer_id: row.customerId,
    created_at: iso(row.createdAt),
  };
}

export function serializePayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    order_id: row.orderId,
    amount: row.amount,
    currency: row.currency as Currency,
    method: row.method,
    status: row.status,
    captured: row.captured,
    amount_refunded: row.amountRefunded,
    card:
      row.method === "card" && row.cardLast4 && row.cardNetwork
        ? {
            last4: row.cardLast4,
            network: row.cardNetwork,
            expiry_month: row.cardExpiryMonth ?? 0,
            expiry_year: row.cardExpiryYear ?? 0,
          }
        : null,
    vpa: row.vpa,
    bank: row.bank,
    wallet: row.wallet,
    email: row.email,
    contact: row.contact,
    error_code: row.errorCode,
    error_description: row.errorDescription,
    receipt_number: row.receiptNumber,
    payment_method_id: row.paymentMethodId,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export function serializePublicPayment(row: PaymentRow, signature?: string): PublicPayment {
  return {
    id: row.id,
    order_id: row.orderId,
    status: row.status,
    error_code: row.errorCode,
    error_description: row.errorDescription,
    ...(signature ? { signature } : {}),
  };
}

export function serializeRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    payment_id: row.paymentId,
    amount: row.amount,
    currency: row.currency as Currency,
    reason: row.reason,
    status: row.status,
    error_code: row.errorCode,
    created_at: iso(row.createdAt),
    processed_at: row.processedAt ? iso(row.processedAt) : null,
  };
}

export function serializeMerchant(row: MerchantRow): Merchant {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    api_key: row.apiKey,
    webhook_url: row.webhookUrl,
    created_at: iso(row.createdAt),
    deleted_at: row.deletedAt ? iso(row.deletedAt) : null,
  };
}

/** A page of a newest-first list: fetch `limit + 1` rows to know whether more remain. */
export function page<T>(rows: T[], limit: number, offset: number) {
  return { items: rows.slice(0, limit), has_more: rows.length > limit, limit, offset };
}
