import { authenticateBodySchema, type PublicPaymentCreate, publicPaymentCreateSchema } from "@paygate/contracts";
import type { z } from "zod";
import type { MerchantRow, PaymentRow } from "../../db/schema/index.js";
import { decryptWithAny, paymentSignature } from "../../lib/crypto.js";
import { ServiceError } from "../../lib/errors.js";
import { merchantForPublishableKey } from "../auth/auth.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { storeSavedCard, vaultCardIfAsked } from "../customers/save-card.js";
import { insertPayment, loadPayment } from "../payments/payments.js";
import { authorizePayment, failPayment, lockOrderAndPayment, paymentCan } from "../payments/transitions.js";
import { serializePublicPayment } from "../serialize.js";

/*
 * The hosted checkout's verbs, authorised by the merchant's publishable key alone (no secret
 * reaches a browser): pay, poll the outcome, answer 3-D Secure.
 */

export async function merchantForKey(ctx: ServiceContext, key: string): Promise<MerchantRow> {
  const merchant = await merchantForPublishableKey(ctx, key);
  if (!merchant) throw new ServiceError("unauthorized", "Unknown publishable key", { param: "key" });
  return merchant;
}

/** `POST /payments/public`: the checkout's call, authorised by the publishable key alone. */
export async function createPublicPayment({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof publicPaymentCreateSchema>;
}) {
  const { key, save_card: saveCard, ...body }: PublicPaymentCreate = publicPaymentCreateSchema.parse(input);
  const merchant = await merchantForKey(ctx, key);
  return serializePublicPayment(
    await insertPayment(ctx, merchant.id, body, { initiator: "customer", saveCard: saveCard ?? false }),
  );
}

function signatureFor(ctx: ServiceContext, merchant: MerchantRow, payment: PaymentRow): string | undefined {
  if (!["authorized", "captured", "refunded"].includes(payment.status) || !merchant.apiSecretCiphertext) return undefined;
  const keys = [ctx.config.encryptionKey, ...ctx.config.legacyEncryptionKeys];
  return paymentSignature(decryptWithAny(merchant.apiSecretCiphertext, keys), payment.orderId, payment.id);
}

/** `GET /payments/:id/public?key=`: status for the checkout, with the signature once it succeeded. */
export async function getPublicPayment({ ctx, key, paymentId }: { ctx: ServiceContext; key: string; paymentId: string }) {
  const merchant = await merchantForKey(ctx, key);
  const payment = await loadPayment(ctx, merchant.id, paymentId);
  return serializePublicPayment(payment, signatureFor(ctx, merchant, payment));
}

/** `POST /payments/:id/public/authenticate`: the 3-D Secure OTP step. */
export async function authenticatePayment({
  ctx,
  paymentId,
  input,
}: {
  ctx: ServiceContext;
  paymentId: string;
  input: z.input<typeof authenticateBodySchema>;
}) {
  const { key, otp } = authenticateBodySchema.parse(input);
  const merchant = await merchantForKey(ctx, key);
  const notAwaiting = (status: string) =>
    new ServiceError("payment_action_not_required", `The payment is ${status}, not awaiting authentication`, { param: "id" });
  const current = await loadPayment(ctx, merchant.id, paymentId);
  if (!paymentCan("authenticate", current.status)) throw notAwaiting(current.status);
  const result = await ctx.processor.authenticate({ reference: current.processorRef, otp });
  const vaultReference = result.outcome === "succeeded" ? await vaultCardIfAsked(ctx, current) : null;
  const row = await withTransaction(ctx, async (tx) => {
    // The order's lock, then the payment's: an authorization must not race a capture or cancel.
    const { order, payment } = await lockOrderAndPayment(tx, paymentId, merchant.id);
    if (!paymentCan("authenticate", payment.status)) throw notAwaiting(payment.status);
    if (result.outcome !== "succeeded") return (await failPayment(tx, payment, result.code)) ?? payment;
    const next = await authorizePayment(tx, order, payment);
    await storeSavedCard(tx, order, next, vaultReference);
    return next ?? payment;
  });
  return serializePublicPayment(row, signatureFor(ctx, merchant, row));
}
