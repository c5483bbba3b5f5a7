import type { Currency } from "@paygate/contracts";
import { and, eq } from "drizzle-orm";
import { merchants, orders, type PaymentRow } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { merchantForKey } from "../checkout/public-payments.js";
import type { ServiceContext } from "../context.js";
import { renderReceiptPdf } from "../documents/index.js";
import type { ReceiptDocument } from "../documents/types.js";
import { loadPayment } from "../payments/payments.js";
import { cardOf, receiptDescription } from "./issue-receipt.js";

/**
 * A payment without a receipt (never captured) answers 404, like a payment that does not exist:
 * there is no receipt resource to conflict with, and the public endpoint must not tell a
 * stranger which payment ids exist in which state.
 */
const noReceipt = () => notFound("Receipt");

async function receiptDocument(ctx: ServiceContext, payment: PaymentRow): Promise<ReceiptDocument> {
  if (!payment.receiptNumber || !payment.capturedAt) throw noReceipt();
  const [merchant] = await ctx.db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, payment.merchantId));
  const [order] = await ctx.db
    .select({ receipt: orders.receipt })
    .from(orders)
    .where(and(eq(orders.id, payment.orderId), eq(orders.merchantId, payment.merchantId)));
  if (!merchant || !order) throw noReceipt();
  return {
    merchant_name: merchant.name,
    receipt_number: payment.receiptNumber,
    payment_id: payment.id,
    order_id: payment.orderId,
    amount: payment.amount,
    currency: payment.currency as Currency,
    ...cardOf(payment),
    email: payment.email,
    paid_at: payment.capturedAt.toISOString(),
    description: receiptDescription(order),
    amount_refunded: payment.amountRefunded,
  };
}

/** `GET /payments/:id/receipt`: the merchant's own captured payment's receipt PDF. */
export async function getReceiptPdf({
  ctx,
  merchantId,
  paymentId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  paymentId: string;
}) {
  const payment = await loadPayment(ctx, merchantId, paymentId);
  const document = await receiptDocument(ctx, payment);
  return { receiptNumber: document.receipt_number, pdf: await renderReceiptPdf(document) };
}

/** `GET /checkout/payments/:id/receipt?key=`: the same PDF for the shopper, by the publishable key. */
export async function getPublicReceiptPdf({ ctx, key, paymentId }: { ctx: ServiceContext; key: string; paymentId: string }) {
  const merchant = await merchantForKey(ctx, key);
  return getReceiptPdf({ ctx, merchantId: merchant.id, paymentId });
}
