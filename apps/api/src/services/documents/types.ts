import type { Currency } from "@paygate/contracts";

/**
 * What an invoice PDF shows: plain data in the API's own field names, so a caller passes the
 * serialized invoice plus the merchant's name (`{ merchant_name, ...serializeInvoice(row) }`).
 * Amounts are integer minor units of `currency`; timestamps are ISO 8601 strings.
 */
export interface InvoiceDocument {
  merchant_name: string;
  /** `INV-000001`; null for a draft (the PDF then says "Draft"). */
  number: string | null;
  status?: string;
  created_at: string;
  sent_at?: string | null;
  /** `YYYY-MM-DD`, due at its end (UTC). */
  due_date: string | null;
  customer: { name: string; email?: string | null };
  currency: Currency;
  line_items: readonly InvoiceDocumentLine[];
  subtotal: number;
  discount_amount: number;
  /** The promo code behind `discount_amount`, when there is one. */
  discount_code?: string | null;
  tax_bps?: number | null;
  tax_amount: number;
  total: number;
  amount_paid: number;
  amount_due: number;
  notes?: string | null;
  terms?: string | null;
}

export interface InvoiceDocumentLine {
  name: string;
  quantity: number;
  unit_amount: number;
  amount: number;
}

/** What a receipt PDF shows: one captured payment. */
export interface ReceiptDocument {
  merchant_name: string;
  /** `RCPT-000001`. */
  receipt_number: string;
  payment_id: string;
  order_id: string;
  amount: number;
  currency: Currency;
  /** `card`, `upi`, `netbanking`, `wallet`. */
  method: string;
  card?: { network: string; last4: string } | null;
  vpa?: string | null;
  bank?: string | null;
  wallet?: string | null;
  email?: string | null;
  /** ISO 8601: when the payment was captured. */
  paid_at: string;
  /** What was paid for (the order's receipt reference, a link's or an invoice's description). */
  description?: string | null;
  amount_refunded?: number;
}
