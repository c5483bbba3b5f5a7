import type { PGlite } from "@electric-sql/pglite";
import type { PayGateClient } from "@paygate/node";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { loggedIn, requireAdmin, type ShopEnv } from "../auth/middleware.js";
import { getOrder, listOrders, revertPendingRefund, type ShopOrderStatus, transitionOrder } from "../db.js";
import { notFound, paygateFailure, view } from "./shop-api.js";

const shipmentSchema = z.strictObject({
  tracking_number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{4,40}$/, "A tracking number is 4–40 letters, digits, spaces or dashes"),
  // https only: the link is shown to the shopper, so no `javascript:` or plain-http URLs.
  tracking_url: z.url({ protocol: /^https$/, error: "The tracking URL must be an https URL" }).max(500),
});

/** Fulfilment moves the admin makes directly (no PayGate call). */
const MOVES = [
  { action: "confirm", from: ["paid"], to: "confirmed" },
  { action: "deliver", from: ["shipped"], to: "delivered" },
] as const satisfies { action: string; from: ShopOrderStatus[]; to: ShopOrderStatus }[];

/**
 * `/api/admin/*`: every order, and what only the shop's staff may do to one: fulfil it
 * (confirm → ship → deliver), cancel it before shipping, or refund it. Each change is a guarded
 * transition logged with the admin's email, so two admins clicking at once cannot both win.
 */
export function adminApiRoutes({ db, paygate }: { db: PGlite; paygate: PayGateClient }) {
  const app = new Hono<ShopEnv>();
  app.use("/api/admin/*", requireAdmin);

  const current = async (c: Context<ShopEnv>, id: string) => {
    const order = await getOrder(db, id, "all");
    return order ? c.json(view(order)) : c.json(notFound, 404);
  };
  // The status read before the guarded update; if it moved in between, the message is merely stale.
  const conflict = (c: Context<ShopEnv>, status: string, to: string) =>
    c.json(
      { error: { type: "invalid_transition", description: `A ${status.replace("_", " ")} order cannot become ${to}` } },
      409,
    );

  app.get("/api/admin/orders", async (c) => c.json({ items: (await listOrders(db, "all", 100)).map(view) }));

  for (const move of MOVES) {
    app.post(`/api/admin/orders/:id/${move.action}`, async (c) => {
      const order = await getOrder(db, c.req.param("id"), "all");
      if (!order) return c.json(notFound, 404);
      const moved = await transitionOrder(db, { id: order.id }, [...move.from], move.to, {}, loggedIn(c).email);
      return moved ? current(c, order.id) : conflict(c, order.status, move.to);
    });
  }

  app.post("/api/admin/orders/:id/ship", async (c) => {
    const order = await getOrder(db, c.req.param("id"), "all");
    if (!order) return c.json(notFound, 404);
    const shipment = shipmentSchema.safeParse(await c.req.json().catch(() => null));
    if (!shipment.success) {
      return c.json({ error: { type: "validation_error", description: shipment.error.issues[0]?.message } }, 400);
    }
    const moved = await transitionOrder(db, { id: order.id }, ["confirmed"], "shipped", shipment.data, loggedIn(c).email);
    return moved ? current(c, order.id) : conflict(c, order.status, "shipped");
  });

  /**
   * Refund (any paid order) and cancel (before shipping) both give the whole payment back.
   * The order is moved to `…_pending` *before* PayGate is called, so a concurrent ship or a second
   * click finds it taken; the transition's log id makes the Idempotency-Key (a retry of this
   * attempt is the same request, a new attempt after a failure is a new one).
   * The shop's payments are captured automatically, so cancelling refunds them.
   * TODO: a shop that authorizes and captures later would cancel an authorized payment with
   * POST /payments/:id/void instead, which PayGate's API does not have yet.
   */
  const giveMoneyBack = (action: "refund" | "cancel", from: ShopOrderStatus[], pending: ShopOrderStatus) =>
    app.post(`/api/admin/orders/:id/${action}`, async (c) => {
      const order = await getOrder(db, c.req.param("id"), "all");
      if (!order) return c.json(notFound, 404);
      const admin = loggedIn(c).email;
      const attempt = order.payment_id ? await transitionOrder(db, { id: order.id }, from, pending, { note: null }, admin) : null;
      if (!order.payment_id || !attempt) {
        const type = action === "refund" ? "not_refundable" : "invalid_transition";
        return c.json({ error: { type, description: `The order is ${order.status.replace("_", " ")}` } }, 409);
      }
      try {
        const refund = await paygate.refunds.create(
          order.payment_id,
          { reason: action === "refund" ? "Refunded by the shop" : "Order cancelled by the shop" },
          { idempotencyKey: `${action}-${order.id}-${attempt}` },
        );
        await db.query(`update shop_orders set refund_id = $2 where id = $1`, [order.id, refund.id]);
      } catch (error) {
        await revertPendingRefund(db, { id: order.id }, `The ${action} did not go through; try again.`, admin);
        const failure = paygateFailure(error);
        return c.json(failure.body, failure.status);
      }
      return current(c, order.id);
    });
  giveMoneyBack("refund", ["paid", "confirmed", "shipped", "delivered"], "refund_pending");
  giveMoneyBack("cancel", ["paid", "confirmed"], "cancel_pending");

  return app;
}
