import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { type PayGateClient, PayGateError, verifyPaymentSignature } from "@paygate/node";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { loggedIn, requireUser, type ShopEnv } from "../auth/middleware.js";
import { CURRENCY, display, findProduct, products } from "../catalog.js";
import { getOrder, insertOrder, listOrders, recordVerifiedPayment, type ShopOrderRow } from "../db.js";

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

export const view = (order: ShopOrderRow) => ({
  ...order,
  amount_display: display(order.amount, order.currency),
  amount_paid_display: order.amount_paid === null ? null : display(order.amount_paid, order.currency),
  discount_display: order.discount_code ? `${order.discount_code} −${display(order.discount_amount, order.currency)}` : null,
});

/** A shopper's copy: the history without who did it (staff emails are the shop's business). */
const shopperView = (order: ShopOrderRow) => ({
  ...view(order),
  history: order.history.map(({ from, to, at }) => ({ from, to, at })),
});

export const notFound = { error: { type: "not_found", description: "No such order" } } as const;

export function paygateFailure(error: unknown) {
  if (!(error instanceof PayGateError)) throw error;
  const status = error.status === 409 ? 409 : 502;
  return { status, body: { error: { type: error.type, description: error.description, request_id: error.requestId } } } as const;
}

/**
 * The JSON endpoints the shop page calls: products (public), and the logged-in shopper's own
 * orders and payment results. Refunds are the admin's (admin-api.ts).
 */
export function shopApiRoutes({ db, paygate, apiSecret }: ShopApiOptions) {
  const app = new Hono<ShopEnv>();

  app.get("/api/products", (c) => c.json({ items: products.map((p) => ({ ...p, price_display: display(p.price) })) }));

  app.use("/api/orders", requireUser);
  app.use("/api/orders/*", requireUser);
  // Every order query below is scoped to the logged-in shopper.
  const owner = (c: Context<ShopEnv>) => ({ userId: loggedIn(c).id });

  app.get("/api/orders", async (c) => c.json({ items: (await listOrders(db, owner(c))).map(shopperView) }));

  // Someone else's order is "not found", not "forbidden": ids of other shoppers' orders stay secret.
  app.get("/api/orders/:id", async (c) => {
    const order = await getOrder(db, c.req.param("id"), owner(c));
    return order ? c.json(shopperView(order)) : c.json(notFound, 404);
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
        // The shopper's email lets PayGate hold a promo code to its once-per-customer limit.
        { amount, currency: CURRENCY, receipt: id, notes: { shop_order_id: id }, customer_email: loggedIn(c).email },
        { idempotencyKey: `order-${id}` },
      );
      await insertOrder(db, { id, user_id: owner(c).userId, items, amount, currency: CURRENCY, paygate_order_id: order.id });
    } catch (error) {
      const failure = paygateFailure(error);
      return c.json(failure.body, failure.status);
    }
    const created = await getOrder(db, id, owner(c));
    return created ? c.json(shopperView(created), 201) : c.json(notFound, 404);
  });

  // onSuccess from the page: trust it only if the signature matches the order id *we* stored.
  app.post("/api/orders/:id/payment-result", async (c) => {
    const order = await getOrder(db, c.req.param("id"), owner(c));
    if (!order) return c.json(notFound, 404);
    const result = paymentResultSchema.safeParse(await c.req.json().catch(() => null));
    const valid =
      result.success &&
      verifyPaymentSignature(
        { orderId: order.paygate_order_id, paymentId: result.data.payment_id, signature: result.data.signature },
        apiSecret,
      );
    if (!valid || !result.success) return c.json({ error: { type: "invalid_signature" } }, 400);
    await recordVerifiedPayment(db, order.id, result.data.payment_id);
    const updated = await getOrder(db, order.id, owner(c));
    return updated ? c.json(shopperView(updated)) : c.json(notFound, 404);
  });

  return app;
}
