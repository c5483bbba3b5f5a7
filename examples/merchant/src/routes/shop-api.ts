import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { type PayGateClient, PayGateError, verifyPaymentSignature } from "@paygate/node";
import { Hono } from "hono";
import { z } from "zod";
import { CURRENCY, display, findProduct, products } from "../catalog.js";
import { getOrder, insertOrder, listOrders, recordVerifiedPayment, type ShopOrderRow, transitionOrder } from "../db.js";

export interface ShopApiOptions {
  db: PGlite;
  paygate: PayGateClient;
  apiSecret: string;
}

const cartSchema = z.strictObject({
  items: z
    .array(z.strictObject({ id: z.string().max(40), quantity: z.number().int().min(1).max(20) }))
    .min(1)
    .max(20),
});

const paymentResultSchema = z.object({
  payment_id: z.string().min(1).max(100),
  order_id: z.string().min(1).max(100),
  signature: z.string().min(1).max(200),
});

const view = (order: ShopOrderRow) => ({ ...order, amount_display: display(order.amount, order.currency) });

function paygateFailure(error: unknown) {
  if (!(error instanceof PayGateError)) throw error;
  const status = error.status === 409 ? 409 : 502;
  return { status, body: { error: { type: error.type, description: error.description, request_id: error.requestId } } } as const;
}

/** The JSON endpoints the shop page calls: products, orders, the payment result and refunds. */
export function shopApiRoutes({ db, paygate, apiSecret }: ShopApiOptions) {
  const app = new Hono();

  app.get("/api/products", (c) => c.json({ items: products.map((p) => ({ ...p, price_display: display(p.price) })) }));

  app.get("/api/orders", async (c) => c.json({ items: (await listOrders(db)).map(view) }));

  app.get("/api/orders/:id", async (c) => {
    const order = await getOrder(db, c.req.param("id"));
    return order ? c.json(view(order)) : c.json({ error: { type: "not_found" } }, 404);
  });

  // Prices come from the server's catalogue, never from the browser.
  app.post("/api/orders", async (c) => {
    const cart = cartSchema.safeParse(await c.req.json().catch(() => null));
    if (!cart.success) return c.json({ error: { type: "validation_error", description: cart.error.issues[0]?.message } }, 400);
    const items = [];
    for (const line of cart.data.items) {
      const product = findProduct(line.id);
      if (!product) return c.json({ error: { type: "validation_error", description: `Unknown product ${line.id}` } }, 400);
      items.push({ id: product.id, name: product.name, quantity: line.quantity, price: product.price });
    }
    const amount = items.reduce((sum, item) => sum + item.price * item.quantity, 0);
    const id = `shop_${randomBytes(8).toString("hex")}`;
    try {
      // The shop's own id as Idempotency-Key: a retried request cannot create a second order.
      const order = await paygate.orders.create(
        { amount, currency: CURRENCY, receipt: id, notes: { shop_order_id: id } },
        { idempotencyKey: `order-${id}` },
      );
      await insertOrder(db, { id, items, amount, currency: CURRENCY, paygate_order_id: order.id });
    } catch (error) {
      const failure = paygateFailure(error);
      return c.json(failure.body, failure.status);
    }
    const created = await getOrder(db, id);
    return c.json(view(created as ShopOrderRow), 201);
  });

  // onSuccess from the page: trust it only if the signature matches the order id *we* stored.
  app.post("/api/orders/:id/payment-result", async (c) => {
    const order = await getOrder(db, c.req.param("id"));
    if (!order) return c.json({ error: { type: "not_found" } }, 404);
    const result = paymentResultSchema.safeParse(await c.req.json().catch(() => null));
    const valid =
      result.success &&
      verifyPaymentSignature(
        { orderId: order.paygate_order_id, paymentId: result.data.payment_id, signature: result.data.signature },
        apiSecret,
      );
    if (!valid || !result.success) return c.json({ error: { type: "invalid_signature" } }, 400);
    await recordVerifiedPayment(db, order.id, result.data.payment_id);
    return c.json(view((await getOrder(db, order.id)) as ShopOrderRow));
  });

  app.post("/api/orders/:id/refund", async (c) => {
    const order = await getOrder(db, c.req.param("id"));
    if (!order) return c.json({ error: { type: "not_found" } }, 404);
    if (order.status !== "paid" || !order.payment_id) {
      return c.json({ error: { type: "not_refundable", description: `The order is ${order.status}` } }, 409);
    }
    try {
      const refund = await paygate.refunds.create(
        order.payment_id,
        { reason: "Requested by the customer" },
        // A new key per attempt: after a failed refund, refund_id names it, so a retry is a new request.
        { idempotencyKey: `refund-${order.id}-${order.refund_id ?? "first"}` },
      );
      await transitionOrder(db, { id: order.id }, ["paid"], "refund_pending", { refund_id: refund.id, note: null });
    } catch (error) {
      const failure = paygateFailure(error);
      return c.json(failure.body, failure.status);
    }
    return c.json(view((await getOrder(db, order.id)) as ShopOrderRow));
  });

  return app;
}
