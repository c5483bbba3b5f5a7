import { paymentLinkCreateSchema, paymentLinkListQuerySchema } from "@paygate/contracts";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { type PaymentLinkRow, paymentLinks } from "../../db/schema/index.js";
import { notFound, ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { enqueueJob } from "../jobs/queue.js";
import { cancelOrder, createOrder } from "../orders/orders.js";
import { page } from "../serialize.js";
import { linkNotPayable } from "./not-payable.js";
import { serializePaymentLink } from "./serialize.js";
import { lockLinkAndOrder } from "./transitions.js";

/**
 * `POST /payment_links`: the link and its order in one transaction (the link pays once, through
 * that order), and when it has `expire_by`, the job that expires it then.
 */
export async function createPaymentLink({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof paymentLinkCreateSchema>;
}) {
  const body = paymentLinkCreateSchema.parse(input);
  return withTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const expireBy = body.expire_by === undefined ? null : new Date(body.expire_by);
    if (expireBy && expireBy.getTime() <= now.getTime()) {
      throw new ServiceError("validation_error", `expire_by must be in the future (the server's time is ${now.toISOString()})`, {
        param: "expire_by",
      });
    }
    const id = newId("paymentLink");
    const order = await createOrder({
      ctx: tx,
      merchantId,
      input: {
        amount: body.amount,
        currency: body.currency,
        ...(body.reference_id === undefined ? {} : { receipt: body.reference_id }),
        // Checked by createOrder: another merchant's or an unknown customer is 404 naming customer_id.
        ...(body.customer_id === undefined ? {} : { customer_id: body.customer_id }),
        notes: { payment_link_id: id },
      },
    });
    const [row] = await tx.db
      .insert(paymentLinks)
      .values({
        id,
        merchantId,
        orderId: order.id,
        amount: body.amount,
        currency: body.currency,
        description: body.description,
        referenceId: body.reference_id ?? null,
        customer: {
          name: body.customer?.name ?? null,
          email: body.customer?.email ?? null,
          contact: body.customer?.contact ?? null,
        },
        customerId: body.customer_id ?? null,
        status: "created",
        expireBy,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    // An INSERT … RETURNING without a conflict clause yields its row or throws; this only narrows the type.
    if (!row) throw new Error("insert returned no row");
    if (expireBy) {
      await enqueueJob(tx, "payment_link.expire", { payment_link_id: id }, { delayMs: expireBy.getTime() - now.getTime() });
    }
    return serializePaymentLink(row, tx.config.checkoutUrl);
  });
}

async function loadPaymentLink(ctx: ServiceContext, merchantId: string, linkId: string): Promise<PaymentLinkRow> {
  const [row] = await ctx.db
    .select()
    .from(paymentLinks)
    .where(and(eq(paymentLinks.id, linkId), eq(paymentLinks.merchantId, merchantId)));
  if (!row) throw notFound("Payment link");
  return row;
}

export async function getPaymentLink({ ctx, merchantId, linkId }: { ctx: ServiceContext; merchantId: string; linkId: string }) {
  return serializePaymentLink(await loadPaymentLink(ctx, merchantId, linkId), ctx.config.checkoutUrl);
}

export async function listPaymentLinks({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof paymentLinkListQuerySchema>;
}) {
  const { limit, offset, status } = paymentLinkListQuerySchema.parse(query);
  const filters: SQL[] = [eq(paymentLinks.merchantId, merchantId)];
  if (status) filters.push(eq(paymentLinks.status, status));
  const rows = await ctx.db
    .select()
    .from(paymentLinks)
    .where(and(...filters))
    .orderBy(desc(paymentLinks.createdAt), desc(paymentLinks.id))
    .limit(limit + 1)
    .offset(offset);
  return page(
    rows.map((row) => serializePaymentLink(row, ctx.config.checkoutUrl)),
    limit,
    offset,
  );
}

/**
 * `POST /payment_links/:id/cancel`: a `created` link is cancelled with its order (whose
 * authorizations are voided); cancelling a cancelled link again answers it as it is. A paid or
 * expired link cannot be cancelled: 410 `link_not_payable` with `meta.reason`, as the public page.
 */
export async function cancelPaymentLink({
  ctx,
  merchantId,
  linkId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  linkId: string;
}) {
  return withTransaction(ctx, async (tx) => {
    const { link } = await lockLinkAndOrder(tx, linkId, merchantId);
    if (link.status === "cancelled") return serializePaymentLink(link, tx.config.checkoutUrl);
    if (link.status !== "created") throw await linkNotPayable(tx, link);
    // Cancelling the order cancels its link (orders.ts), voids its authorizations, and releases
    // whatever else the order held, as any order cancel does.
    await cancelOrder({ ctx: tx, merchantId, orderId: link.orderId });
    return serializePaymentLink(await loadPaymentLink(tx, merchantId, linkId), tx.config.checkoutUrl);
  });
}
