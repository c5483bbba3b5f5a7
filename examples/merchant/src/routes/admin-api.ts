import type { PGlite } from "@electric-sql/pglite";
import type { PayGateClient } from "@paygate/node";
import { Hono } from "hono";
import { requireAdmin, type ShopEnv } from "../auth/middleware.js";
import { getOrder, listOrders, transitionOrder } from "../db.js";
import { notFound, paygateFailure, view } from "./shop-api.js";

/** `/api/admin/*`: every order, and the actions only the shop's admin may take (refunds). */
export function adminApiRoutes({ db, paygate }: { db: PGlite; paygate: PayGateClient }) {
  const app = new Hono<ShopEnv>();
  app.use("/api/admin/*", requireAdmin);

  app.get("/api/admin/orders", async (c) => c.json({ items: (await listOrders(db, "all", 100)).map(view) }));

  app.post("/api/admin/orders/:id/refund", async (c) => {
    const order = await getOrder(db, c.req.param("id"), "all");
    if (!order) return c.json(notFound, 404);
    if (order.status !== "paid" || !order.payment_id) {
      return c.json({ error: { type: "not_refundable", description: `The order is ${order.status}` } }, 409);
    }
    try {
      const refund = await paygate.refunds.create(
        order.payment_id,
        { reason: "Refunded by the shop" },
        // A new key per attempt: after a failed refund, refund_id names it, so a retry is a new request.
        { idempotencyKey: `refund-${order.id}-${order.refund_id ?? "first"}` },
      );
      await transitionOrder(db, { id: order.id }, ["paid"], "refund_pending", { refund_id: refund.id, note: null });
    } catch (error) {
      const failure = paygateFailure(error);
      return c.json(failure.body, failure.status);
    }
    const updated = await getOrder(db, order.id, "all");
    return updated ? c.json(view(updated)) : c.json(notFound, 404);
  });

  return app;
}
