import type { Invoice } from "@paygate/contracts";
import type { InvoiceRow } from "../../db/schema/index.js";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function serializeInvoice(row: InvoiceRow): Invoice {
  return {
    id: row.id,
    customer_id: row.customerId,
    subscription_id: row.subscriptionId,
    number: row.number,
    status: row.status,
    customer: { name: row.customerName, email: row.customerEmail },
    currency: row.currency,
    line_items: row.lineItems,
    subtotal: row.subtotal,
    discount_code: row.discountCode,
    discount_amount: row.discountAmount,
    tax_bps: row.taxBps,
    tax_amount: row.taxAmount,
    total: row.total,
    amount_paid: row.amountPaid,
    amount_due: row.status === "cancelled" ? 0 : row.total - row.amountPaid,
    due_date: row.dueDate,
    notes: row.notes,
    terms: row.terms,
    url: row.url,
    order_id: row.orderId,
    created_at: row.createdAt.toISOString(),
    sent_at: iso(row.sentAt),
    viewed_at: iso(row.viewedAt),
    paid_at: iso(row.paidAt),
  };
}
