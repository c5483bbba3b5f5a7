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
  /** Typed in the cart; PayGate applies it to the order's invoice (SPEC §14). */
  promo_code: z.string().trim().min(1).max(64).optional(),
});

/** What the shopper reads when PayGate refuses the cart's promo code (`discount_invalid`'s `meta.reason`). */
const promoReasons: Record<string, string> = {
  unknown: "This promo code isn't valid. Check it and try again.",
  inactive: "This promo code is no longer active.",
  not_started: "This promo code can't be used yet.",
  expired: "This promo code has expired.",
  exhausted: "This promo code has been fully used.",
  min_amount: "Your cart is below this promo code's minimum amount.",
  currency: "This promo code can't be used for this currency.",
  per_customer_limit: "You have already used this promo code.",
};

function promoFailure(error: unknown) {
  if (!(error instanceof PayGateError) || error.type !== "discount_invalid") return null;
  const reason = typeof error.meta?.reason === "string" ? error.meta.reason : "";
  return {
    error: {
      type: "discount_invalid",
      param: "promo_code",
      reason,
      description: promoReasons[reason] ?? "This promo code can't be applied to your cart.",
    },
  };
}

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
          // PayGate validates and reserves the code; a refused one creates nothing.
          ...(cart.data.promo_code ? { discount_code: cart.data.promo_code } : {}),
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
        discount_code: invoice.discount_code,
        discount_amount: invoice.discount_amount,
      });
    } catch (error) {
      const refused = promoFailure(error);
      if (refused) return c.json(refused, 409);
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
