import { listQuerySchema, orderCreateSchema, orderListQuerySchema } from "@paygate/contracts";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { orders, payments } from "../../db/schema/index.js";
import { notFound, ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { type ServiceContext, type TxContext, withTransaction } from "../context.js";
import { loadCustomer } from "../customers/customers.js";
import { reserveDiscount } from "../discounts/reservations.js";
import { cancelLinkOfOrder } from "../payment-links/transitions.js";
import { voidOtherAuthorizations } from "../payments/transitions.js";
import { page, serializeOrder, serializePayment } from "../serialize.js";
import { cancelOrderRow } from "./transitions.js";

export async function createOrder({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof orderCreateSchema>;
}) {
  const body = orderCreateSchema.parse(input);
  if (body.customer_id !== undefined) await loadCustomer(ctx, merchantId, body.customer_id, "customer_id");
  return withTransaction(ctx, async (tx) => {
    const row = await insertOrder(tx, merchantId, body);
    if (!body.discount_code) return serializeOrder(row);
    // The code's use is reserved in the order's transaction: an invalid code leaves no order behind.
    return serializeOrder(
      await reserveDiscount(tx, row, body.discount_code, { email: row.customerEmail, customerId: row.customerId }),
    );
  });
}

async function insertOrder(ctx: TxContext, merchantId: string, body: z.output<typeof orderCreateSchema>) {
  const [row] = await ctx.db
    .insert(orders)
    .values({
      id: newId("order"),
      merchantId,
      amount: body.amount,
      currency: body.currency,
      receipt: body.receipt ?? null,
      notes: body.notes ?? {},
      customerEmail: body.customer_email?.toLowerCase() ?? null,
      customerId: body.customer_id ?? null,
      status: "created",
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    })
    .returning();
  // An INSERT … RETURNING without a conflict clause yields its row or throws; this only narrows the type.
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** The merchant's own order; another merchant's is "not found". */
export async function loadOrder(ctx: ServiceContext, merchantId: string, orderId: string, forUpdate = false) {
  const query = ctx.db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.merchantId, merchantId)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Order");
  return row;
}

export async function getOrder({ ctx, merchantId, orderId }: { ctx: ServiceContext; merchantId: string; orderId: string }) {
  return serializeOrder(await loadOrder(ctx, merchantId, orderId));
}

export async function listOrders({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof orderListQuerySchema>;
}) {
  const { limit, offset, status } = orderListQuerySchema.parse(query);
  const filters: SQL[] = [eq(orders.merchantId, merchantId)];
  if (status) filters.push(eq(orders.status, status));
  const rows = await ctx.db
    .select()
    .from(orders)
    .where(and(...filters))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializeOrder), limit, offset);
}

/**
 * `POST /orders/:id/cancel`: only an order that no payment has captured. Its authorizations are
 * voided in the same transaction; its in-flight payments fail `order_cancelled` when processed.
 */
export async function cancelOrder({ ctx, merchantId, orderId }: { ctx: ServiceContext; merchantId: string; orderId: string }) {
  return withTransaction(ctx, async (tx) => {
    // The order's lock first (then its payments'): a cancel never interleaves with a capture.
    const order = await loadOrder(tx, merchantId, orderId, true);
    if (order.status === "cancelled") return serializeOrder(order);
    const row = await cancelOrderRow(tx, orderId);
    if (!row) throw new ServiceError("order_not_cancellable", "A paid order cannot be cancelled", { param: "id" });
    await voidOtherAuthorizations(tx, row, null);
    // A payment link's order cancelled by the merchant leaves a link nobody can pay: cancel it too.
    await cancelLinkOfOrder(tx, orderId);
    return serializeOrder(row);
  });
}

export async function listOrderPayments({
  ctx,
  merchantId,
  orderId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  orderId: string;
  query: z.input<typeof listQuerySchema>;
}) {
  const { limit, offset } = listQuerySchema.parse(query);
  await loadOrder(ctx, merchantId, orderId);
  const rows = await ctx.db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.merchantId, merchantId)))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializePayment), limit, offset);
}
