import {
  type PaymentCreate,
  type PublicPaymentCreate,
  authenticateBodySchema,
  banks,
  paymentCreateSchema,
  paymentListQuerySchema,
  publicPaymentCreateSchema,
  wallets,
} from "@paygate/contracts";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { type MerchantRow, orders, type PaymentRow, payments } from "../../db/schema/index.js";
import { decrypt, hmacHex, paymentSignature } from "../../lib/crypto.js";
import { ApiError, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuthorizeOutcome, Instrument } from "../../processor/processor.js";
import { merchantForPublishableKey } from "../auth/auth.js";
import { checkCard, checkVpa } from "./card.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { enqueueJob } from "../jobs/queue.js";
import { loadOrder } from "../orders/orders.js";
import { isPayable } from "../orders/transitions.js";
import {
  authorizePayment,
  capture,
  failPayment,
  lockOrderAndPayment,
  orderClosedCode,
  requireAction,
  voidAuthorization,
} from "./transitions.js";
import { page, serializeOrder, serializePayment, serializePublicPayment } from "../serialize.js";

type PaymentDetails = Omit<PaymentCreate, "capture"> & { capture?: PaymentCreate["capture"] };

/**
 * Validates the instrument synchronously (400, nothing created) and returns what may be
 * stored — never the PAN or CVV — plus the processor's reference for the raw instrument.
 */
function prepareInstrument(ctx: ServiceContext, body: PaymentDetails) {
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
  return { stored, processorRef: ctx.processor.tokenize(instrument) };
}

async function insertPayment(ctx: ServiceContext, merchantId: string, body: PaymentDetails) {
  const { stored, processorRef } = prepareInstrument(ctx, body);
  return withTransaction(ctx, async (tx) => {
    // One guarded UPDATE both locks the order and counts the attempt; no row means not payable.
    const [order] = await tx.db
      .update(orders)
      .set({
        status: sql`case when ${orders.status} = 'created' then 'attempted' else ${orders.status} end`,
        attempts: sql`${orders.attempts} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(orders.id, body.order_id), eq(orders.merchantId, merchantId), inArray(orders.status, ["created", "attempted"])))
      .returning();
    if (!order) {
      const existing = await loadOrder(tx, merchantId, body.order_id);
      throw new ApiError("order_not_payable", `The order is ${existing.status} and accepts no payment`, { param: "order_id" });
    }
    const [row] = await tx.db
      .insert(payments)
      .values({
        ...stored,
        id: newId("payment"),
        merchantId,
        orderId: order.id,
        amount: order.amount - order.amountPaid,
        currency: order.currency,
        method: body.method,
        status: "pending",
        captureMode: body.capture ?? "automatic",
        email: body.email ?? null,
        contact: body.contact ?? null,
        processorRef,
        createdAt: tx.clock.now(),
        updatedAt: tx.clock.now(),
      })
      .returning();
    await enqueueJob(tx, { type: "payment.process", payload: { payment_id: row!.id }, delayMs: ctx.processor.paymentDelayMs() });
    return row!;
  });
}

/** `POST /payments`: a pending payment, processed by a worker after the simulated delay. */
export async function createPayment({
  ctx,
  merchantId,
  input,
}: { ctx: ServiceContext; merchantId: string; input: z.input<typeof paymentCreateSchema> }) {
  return serializePayment(await insertPayment(ctx, merchantId, paymentCreateSchema.parse(input)));
}

async function merchantForKey(ctx: ServiceContext, key: string): Promise<MerchantRow> {
  const merchant = await merchantForPublishableKey(ctx, key);
  if (!merchant) throw new ApiError("unauthorized", "Unknown publishable key", { param: "key" });
  return merchant;
}

/** `POST /payments/public`: the checkout's call, authorised by the publishable key alone. */
export async function createPublicPayment({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof publicPaymentCreateSchema> }) {
  const { key, ...body }: PublicPaymentCreate = publicPaymentCreateSchema.parse(input);
  const merchant = await merchantForKey(ctx, key);
  return serializePublicPayment(await insertPayment(ctx, merchant.id, body));
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
}: { ctx: ServiceContext; merchantId: string; query: z.input<typeof paymentListQuerySchema> }) {
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
export async function capturePayment({ ctx, merchantId, paymentId }: { ctx: ServiceContext; merchantId: string; paymentId: string }) {
  return withTransaction(ctx, async (tx) => {
    const { order, payment } = await lockOrderAndPayment(tx, paymentId, merchantId);
    if (payment.status !== "authorized") {
      throw new ApiError("payment_not_capturable", `Only an authorized payment can be captured; this one is ${payment.status}`, {
        param: "id",
      });
    }
    if (!isPayable(order)) {
      throw new ApiError("payment_not_capturable", `The payment's order is ${order.status} and can take no capture`, { param: "id" });
    }
    const row = await capture(tx, order, payment);
    return serializePayment(row ?? payment);
  });
}

/** `POST /payments/:id/void`: releases an `authorized` payment; nothing is charged. */
export async function voidPayment({ ctx, merchantId, paymentId }: { ctx: ServiceContext; merchantId: string; paymentId: string }) {
  return withTransaction(ctx, async (tx) => {
    const { payment } = await lockOrderAndPayment(tx, paymentId, merchantId);
    if (payment.status !== "authorized") {
      throw new ApiError("payment_not_voidable", `Only an authorized payment can be voided; this one is ${payment.status}`, {
        param: "id",
      });
    }
    const row = await voidAuthorization(tx, payment, null);
    return serializePayment(row ?? payment);
  });
}

function signatureFor(ctx: ServiceContext, merchant: MerchantRow, payment: PaymentRow): string | undefined {
  if (!["authorized", "captured", "refunded"].includes(payment.status) || !merchant.apiSecretCiphertext) return undefined;
  return paymentSignature(decrypt(merchant.apiSecretCiphertext, ctx.config.encryptionKey), payment.orderId, payment.id);
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
}: { ctx: ServiceContext; paymentId: string; input: z.input<typeof authenticateBodySchema> }) {
  const { key, otp } = authenticateBodySchema.parse(input);
  const merchant = await merchantForKey(ctx, key);
  const notAwaiting = (status: string) =>
    new ApiError("payment_action_not_required", `The payment is ${status}, not awaiting authentication`, { param: "id" });
  const current = await loadPayment(ctx, merchant.id, paymentId);
  if (current.status !== "requires_action") throw notAwaiting(current.status);
  const result = await ctx.processor.authenticate({ reference: current.processorRef, otp });
  const row = await withTransaction(ctx, async (tx) => {
    const { order, payment } = await lockOrderAndPayment(tx, paymentId, merchant.id);
    if (payment.status !== "requires_action") throw notAwaiting(payment.status);
    const next =
      result.outcome === "succeeded" ? await authorizePayment(tx, order, payment) : await failPayment(tx, payment, result.code);
    return next ?? payment;
  });
  return serializePublicPayment(row, signatureFor(ctx, merchant, row));
}

/** `GET /checkout/orders/:id?key=`: what the checkout page shows. */
export async function getCheckoutOrder({ ctx, key, orderId }: { ctx: ServiceContext; key: string; orderId: string }) {
  const merchant = await merchantForKey(ctx, key);
  const order = serializeOrder(await loadOrder(ctx, merchant.id, orderId));
  return {
    order: { id: order.id, amount: order.amount, currency: order.currency, status: order.status, amount_due: order.amount_due },
    merchant: { name: merchant.name },
    methods: ["card", "upi", "netbanking", "wallet"] as const,
    banks: [...banks],
    wallets: [...wallets],
    test_mode: ctx.config.testMode,
  };
}

/**
 * The worker's step for a due `payment.process` job. The acquirer is asked outside any
 * transaction (a slow acquirer must not hold row locks, nor the embedded database's single
 * connection); the outcome is then applied under the order's and the payment's locks and a
 * status guard, so a rerun after a crash, or a second worker after a lease ran out, changes
 * nothing twice. A payment whose order was paid or cancelled meanwhile fails without asking.
 */
export async function processPayment(ctx: ServiceContext, paymentId: string) {
  const [payment] = await ctx.db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment || payment.status !== "pending") return;
  const [order] = await ctx.db.select().from(orders).where(eq(orders.id, payment.orderId));
  const result: AuthorizeOutcome | null =
    order && isPayable(order)
      ? await ctx.processor.authorize({
          reference: payment.processorRef,
          method: payment.method,
          amount: payment.amount,
          currency: payment.currency,
        })
      : null;
  await withTransaction(ctx, async (tx) => {
    const locked = await lockOrderAndPayment(tx, paymentId, null);
    if (locked.payment.status !== "pending") return;
    if (!isPayable(locked.order) || result === null) await failPayment(tx, locked.payment, orderClosedCode(locked.order));
    else if (result.outcome === "authorized") await authorizePayment(tx, locked.order, locked.payment);
    else if (result.outcome === "requires_action") await requireAction(tx, locked.payment);
    else await failPayment(tx, locked.payment, result.code);
  });
}
