import type { OrderRow, PaymentRow } from "../../db/schema/index.js";
import type { AuthorizeOutcome } from "../../processor/processor.js";
import type { ServiceContext, TxContext } from "../context.js";
import { savePaymentMethod } from "./payment-methods.js";

/**
 * Asks the acquirer about a pending payment: a saved card is charged by its vault reference
 * (the merchant's own charge, or the shopper's one-tap payment), anything else authorized by the
 * reference `tokenize` gave. Called outside any transaction.
 */
export function askAcquirer(ctx: ServiceContext, payment: PaymentRow, signal?: AbortSignal): Promise<AuthorizeOutcome> {
  const common = { idempotencyKey: payment.id, amount: payment.amount, currency: payment.currency, signal };
  if (payment.paymentMethodId !== null) {
    return ctx.processor.chargeByReference({
      ...common,
      vaultReference: payment.processorRef,
      initiator: payment.merchantInitiated ? "merchant" : "customer",
    });
  }
  return ctx.processor.authorize({ ...common, reference: payment.processorRef, method: payment.method });
}

/**
 * For a payment whose shopper asked to save the card and which the acquirer just accepted: the
 * vault's reference for the card (outside any transaction: the vault is the acquirer's, a network
 * call for a real one). Null when nothing is to be saved.
 */
export async function vaultCardIfAsked(ctx: ServiceContext, payment: PaymentRow, signal?: AbortSignal): Promise<string | null> {
  if (!payment.saveCard || payment.paymentMethodId !== null) return null;
  return ctx.processor.saveCard({ reference: payment.processorRef, idempotencyKey: payment.id, signal });
}

/** In the transaction of the success: the payment method, when the payment did succeed. */
export async function storeSavedCard(tx: TxContext, order: OrderRow, row: PaymentRow | null, vaultReference: string | null) {
  if (!row || vaultReference === null || order.customerId === null) return;
  if (row.status !== "authorized" && row.status !== "captured") return;
  await savePaymentMethod(tx, row, order.customerId, vaultReference);
}
