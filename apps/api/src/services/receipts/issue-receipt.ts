import type { Currency } from "@paygate/contracts";
import { eq } from "drizzle-orm";
import { merchants, type OrderRow, type PaymentRow, payments } from "../../db/schema/index.js";
import type { TxContext } from "../context.js";
import { describeMethod } from "../documents/format.js";
import { sendEmail } from "../mailbox/send-email.js";
import { formatDocumentNumber, nextNumber } from "../numbering/next-number.js";

export const RECEIPT_SEQUENCE = "receipt";

/** The public receipt PDF, authorised by the merchant's publishable key (which is no secret). */
export function publicReceiptUrl(apiUrl: string, paymentId: string, publishableKey: string): string {
  const url = new URL(`/api/v1/checkout/payments/${encodeURIComponent(paymentId)}/receipt`, apiUrl);
  url.searchParams.set("key", publishableKey);
  return url.toString();
}

/** What a receipt says it was for: the merchant's order reference, when it gave one. */
export function receiptDescription(order: Pick<OrderRow, "receipt">): string | null {
  return order.receipt ? `Order reference ${order.receipt}` : null;
}

/**
 * Gives a just-captured payment its receipt number (`RCPT-000001`, per merchant, gapless) and,
 * when the payment has an email, records the receipt email — in the capture's transaction, so
 * a rolled-back capture leaves neither. Called after the capture's UPDATE, ledger posting and
 * order update (its locks already held) and before its events, which then carry the number; what
 * follows only locks this order's other payments, which no transaction waiting on the merchant's
 * counter row can hold (they lock an order first), so the counter adds no deadlock.
 */
export async function issueReceipt(tx: TxContext, order: OrderRow, payment: PaymentRow): Promise<PaymentRow> {
  const receiptNumber = formatDocumentNumber("RCPT", await nextNumber(tx, payment.merchantId, RECEIPT_SEQUENCE));
  const [row] = await tx.db.update(payments).set({ receiptNumber }).where(eq(payments.id, payment.id)).returning();
  if (!row) throw new Error(`payment ${payment.id} vanished during its capture`);
  if (row.email) await emailReceipt(tx, order, row, receiptNumber);
  return row;
}

async function emailReceipt(tx: TxContext, order: OrderRow, payment: PaymentRow, receiptNumber: string) {
  const [merchant] = await tx.db
    .select({ name: merchants.name, apiKey: merchants.apiKey })
    .from(merchants)
    .where(eq(merchants.id, payment.merchantId));
  if (!merchant?.apiKey || !payment.email) return;
  await sendEmail({
    ctx: tx,
    merchantId: payment.merchantId,
    to: payment.email,
    kind: "receipt",
    data: {
      merchant_name: merchant.name,
      payment_id: payment.id,
      order_id: payment.orderId,
      receipt_number: receiptNumber,
      amount: payment.amount,
      currency: payment.currency as Currency,
      paid_at: (payment.capturedAt ?? tx.clock.now()).toISOString(),
      method: describeMethod(cardOf(payment)),
      receipt_url: publicReceiptUrl(tx.config.apiUrl, payment.id, merchant.apiKey),
      description: receiptDescription(order),
    },
  });
}

/** The payment's method as the documents describe it. */
export function cardOf(payment: PaymentRow) {
  return {
    method: payment.method,
    card: payment.cardLast4 && payment.cardNetwork ? { network: payment.cardNetwork, last4: payment.cardLast4 } : null,
    vpa: payment.vpa,
    bank: payment.bank,
    wallet: payment.wallet,
  };
}
