import { type PaymentCreate, type PaymentMethod, paymentCreateSchema, paymentListQuerySchema } from "@paygate/contracts";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { payments } from "../../db/schema/index.js";
import { hmacHex } from "../../lib/crypto.js";
import { notFound, ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { Instrument } from "../../processor/processor.js";
import { type ServiceContext, type TxContext, withTransaction } from "../context.js";
import { usablePaymentMethod } from "../customers/payment-methods.js";
import { enqueueJob } from "../jobs/queue.js";
import { loadOrder } from "../orders/orders.js";
import { attemptOrder, isPayable } from "../orders/transitions.js";
import { amountDue, page, serializePayment } from "../serialize.js";
import { checkCard, checkVpa } from "./card.js";
import { capture, lockOrderAndPayment, paymentCan, voidAuthorization } from "./transitions.js";

type PaymentDetails = Omit<PaymentCreate, "capture"> & { capture?: PaymentCreate["capture"] };

/**
 * Validates the instrument synchronously (400, nothing created) and returns what may be
 * stored — never the PAN or CVV — plus the processor's reference for the raw instrument.
 */
async function prepareInstrument(ctx: ServiceContext, body: PaymentDetails & { method: PaymentMethod }) {
  const stored: Partial<typeof payments.$inferInsert> = {};
  const instrument: Instrument = { method: body.method };
  if (body.method === "card" && body.card) {
    const card = checkCard(body.card);
    Object.assign(stored, {
      cardLast4: card.last4,
      cardNetwork: card.network,
      cardExpiryMonth: card.expiryMonth,
      cardExpiryYear: card.expiryYear,
      cardFingerprint: hmacHex(ctx.config.cardFingerprintKey, card.digits),
    });
    instrument.card = { number: card.digits, expiry: body.card.expiry, cvv: body.card.cvv };
  } else if (body.method === "upi" && body.vpa !== undefined) {
    stored.vpa = checkVpa(body.vpa);
    instrument.vpa = stored.vpa;
  } else if (body.method === "netbanking") {
    stored.bank = body.bank ?? null;
    instrument.bank = body.bank;
  } else if (body.method === "wallet") {
    stored.wallet = body.wallet ?? null;
    instrument.wallet = body.wallet;
  }
  return { stored, processorRef: await ctx.processor.tokenize(instrument) };
}

/** What pays: a saved card of the order's customer, or the instrument just entered. */
async function paymentSource(
  tx: TxContext,
  merchantId: string,
  body: PaymentDetails,
  prepared: Awaited<ReturnType<typeof prepareInstrument>> | null,
  options: PaymentOptions,
): Promise<Partial<typeof payments.$inferInsert> & { method: PaymentMethod; processorRef: string }> {
  if (body.payment_method !== undefined) {
    const order = await loadOrder(tx, merchantId, body.order_id);
    const pm = await usablePaymentMethod(tx, merchantId, body.payment_method, order.customerId);
    return {
      method: "card",
      cardLast4: pm.cardLast4,
      cardNetwork: pm.cardNetwork,
      cardExpiryMonth: pm.cardExpiryMonth,
      cardExpiryYear: pm.cardExpiryYear,
      processorRef: pm.processorRef,
      paymentMethodId: pm.id,
      merchantInitiated: options.initiator === "merchant",
    };
  }
  if (!prepared || body.method === undefined) {
    throw new ServiceError("validation_error", "method is required (or payment_method, a saved card)", { param: "method" });
  }
  if (options.saveCard) {
    const order = await loadOrder(tx, merchantId, body.order_id);
    if (order.customerId === null) {
      throw new ServiceError("validation_error", "save_card needs an order created with a customer_id", { param: "save_card" });
    }
  }
  return { ...prepared.stored, method: body.method, processorRef: prepared.processorRef, saveCard: options.saveCard };
}

interface PaymentOptions {
  /** The shopper in the checkout, or the merchant's server (a saved card charged without the shopper). */
  initiator: "customer" | "merchant";
  /** The shopper asked to save the card entered (public payments only). */
  saveCard: boolean;
}

/** A pending payment on a payable order, its job queued in the same transaction. */
export async function insertPayment(
  ctx: ServiceContext,
  merchantId: string,
  body: PaymentDetails,
  options: PaymentOptions = { initiator: "merchant", saveCard: false },
) {
  const prepared =
    body.payment_method === undefined && body.method !== undefined
      ? await prepareInstrument(ctx, { ...body, method: body.method })
      : null;
  return withTransaction(ctx, async (tx) => {
    const source = await paymentSource(tx, merchantId, body, prepared, options);
    // One guarded UPDATE both locks the order and counts the attempt; no row means not payable.
    const order = await attemptOrder(tx, merchantId, body.order_id);
    if (!order) {
      const existing = await loadOrder(tx, merchantId, body.order_id);
      throw new ServiceError("order_not_payable", `The order is ${existing.status} and accepts no payment`, {
        param: "order_id",
      });
    }
    // A promo code may cover the whole amount (SPEC §14 caps it at the amount): nothing is left to charge.
    if (amountDue(order) <= 0) {
      throw new ServiceError("order_not_payable", "Nothing is due on this order: its discount covers the whole amount", {
        param: "order_id",
      });
    }
    const [row] = await tx.db
      .insert(payments)
      .values({
        ...source,
        id: newId("payment"),
        merchantId,
        orderId: order.id,
        amount: amountDue(order),
        currency: order.currency,
        status: "pending",
        captureMode: body.capture ?? "automatic",
        email: body.email ?? null,
        contact: body.contact ?? null,
        createdAt: tx.clock.now(),
        updatedAt: tx.clock.now(),
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await enqueueJob(tx, "payment.process", { payment_id: row.id }, { delayMs: ctx.processor.paymentDelayMs(row.processorRef) });
    return row;
  });
}

/** `POST /payments`: a pending payment, processed by a worker after the simulated delay. */
export async function createPayment({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof paymentCreateSchema>;
}) {
  return serializePayment(await insertPayment(ctx, merchantId, paymentCreateSchema.parse(input)));
}

export async function loadPayment(ctx: ServiceContext, merchantId: string, paymentId: string, forUpdate = false) {
  const query = ctx.db
    .select()
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.merchantId, merchantId)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Payment");
  return row;
}

export async function getPayment({ ctx, merchantId, paymentId }: { ctx: ServiceContext; merchantId: string; paymentId: string }) {
  return serializePayment(await loadPayment(ctx, merchantId, paymentId));
}

export async function listPayments({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof paymentListQuerySchema>;
}) {
  const { limit, offset, status, order_id: orderId } = paymentListQuerySchema.parse(query);
  const filters: SQL[] = [eq(payments.merchantId, merchantId)];
  if (status) filters.push(eq(payments.status, status));
  if (orderId) filters.push(eq(payments.orderId, orderId));
  const rows = await ctx.db
    .select()
    .from(payments)
    .where(and(...filters))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializePayment), limit, offset);
}

/**
 * `POST /payments/:id/capture`: manual capture of an `authorized` payment whose order is still
 * payable. The order's lock makes two captures of one order take turns: the second finds the
 * order paid (and itself voided) and changes nothing.
 */
export async function capturePayment({
  ctx,
  merchantId,
  paymentId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  paymentId: string;
}) {
  return withTransaction(ctx, async (tx) => {
    const { order, payment } = await lockOrderAndPayment(tx, paymentId, merchantId);
    if (!paymentCan("capture", payment.status)) {
      throw new ServiceError(
        "payment_not_capturable",
        `Only an authorized payment can be captured; this one is ${payment.status}`,
        {
          param: "id",
        },
      );
    }
    if (!isPayable(order)) {
      throw new ServiceError("payment_not_capturable", `The payment's order is ${order.status} and can take no capture`, {
        param: "id",
      });
    }
    const row = await capture(tx, order, payment);
    return serializePayment(row ?? payment);
  });
}

/** `POST /payments/:id/void`: releases an `authorized` payment; nothing is charged. */
export async function voidPayment({
  ctx,
  merchantId,
  paymentId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  paymentId: string;
}) {
  return withTransaction(ctx, async (tx) => {
    const { payment } = await lockOrderAndPayment(tx, paymentId, merchantId);
    if (!paymentCan("void", payment.status)) {
      throw new ServiceError("payment_not_voidable", `Only an authorized payment can be voided; this one is ${payment.status}`, {
        param: "id",
      });
    }
    const row = await voidAuthorization(tx, payment, null);
    return serializePayment(row ?? payment);
  });
}
