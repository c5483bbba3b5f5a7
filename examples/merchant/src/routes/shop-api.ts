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
    const id = `shop_${randomBytes(8).toString("hex")}`;
    try {
      // Every shop order is billed with a PayGate invoice: created with the cart's lines (PayGate
      // prices it), then sent, which numbers it, emails it and creates the PayGate order the
      // shopper pays in the modal. The shop's own id in each Idempotency-Key: a retried request
      // cannot bill twice.
      const { email } = loggedIn(c);
      const draft = await paygate.invoices.create(
        {
          customer: { name: email, email },
          currency: CURRENCY,
          line_items: items.map((item) => ({ name: item.name, quantity: item.quantity, unit_amount: item.price })),
          notes: `Shop order ${id}`,
        },
        { idempotencyKey: `invoice-${id}` },
      );
      const invoice = await paygate.invoices.send(draft.id, { idempotencyKey: `invoice-send-${id}` });
      if (!invoice.order_id) throw new Error(`invoice ${invoice.id} was sent without an order`);
      await insertOrder(db, {
        id,
        user_id: owner(c).userId,
        items,
        amount: invoice.total,
        currency: CURRENCY,
        paygate_order_id: invoice.order_id,
        paygate_invoice_id: invoice.id,
      });
    } catch (error) {
      const failure = paygateFailure(error);
      return c.json(failure.body, failure.status);
    }
    const created = await getOrder(db, id, owner(c));
    return created ? c.json(shopperView(created), 201) : c.json(notFound, 404);
  });

  // The order's invoice PDF, fetched from PayGate by the server (the API secret stays here).
  app.get("/api/orders/:id/invoice.pdf", async (c) => {
    const order = await getOrder(db, c.req.param("id"), owner(c));
    if (!order?.paygate_invoice_id) return c.json(notFound, 404);
    try {
      const pdf = await paygate.invoices.pdf(order.paygate_invoice_id);
      return c.body(new Uint8Array(pdf), 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="invoice-${order.id}.pdf"`,
        "Cache-Control": "private, no-store",
      });
    } catch (error) {
      const failure = paygateFailure(error);
      return c.json(failure.body, failure.status);
    }
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
