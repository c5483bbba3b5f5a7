import type { PGlite } from "@electric-sql/pglite";
import { type PayGateClient, PayGateError, verifyPaymentSignature } from "@paygate/node";
import { Hono } from "hono";
import { z } from "zod";
import { loggedIn, requireUser, type ShopEnv } from "../auth/middleware.js";
import { display, findPlan, plans } from "../catalog.js";
import {
  activateSubscription,
  ensureCustomer,
  getSubscription,
  listSubscriptions,
  startSubscription,
  subscriptionView,
} from "../subscriptions.js";
import { paygateFailure } from "./shop-api.js";

export interface SubscriptionRouteOptions {
  db: PGlite;
  paygate: PayGateClient;
  apiSecret: string;
}

const startSchema = z.strictObject({ plan: z.string().max(40) });
const paymentResultSchema = z.object({
  payment_id: z.string().min(1).max(100),
  order_id: z.string().min(1).max(100),
  signature: z.string().min(1).max(200),
});
const notFound = { error: { type: "not_found", description: "No such subscription" } } as const;

/**
 * The Chai club: the logged-in shopper subscribes (first month paid in the modal, card saved),
 * sees their memberships and cancels them. Every query is scoped to the shopper: another
 * shopper's membership is "not found".
 */
export function subscriptionRoutes({ db, paygate, apiSecret }: SubscriptionRouteOptions) {
  const app = new Hono<ShopEnv>();

  app.get("/api/plans", (c) =>
    c.json({ items: plans.map((plan) => ({ ...plan, price_display: `${display(plan.price)} / ${plan.interval}` })) }),
  );

  app.use("/api/subscriptions", requireUser);
  app.use("/api/subscriptions/*", requireUser);

  app.get("/api/subscriptions", async (c) =>
    c.json({ items: (await listSubscriptions(db, loggedIn(c).id)).map(subscriptionView) }),
  );

  // Creates the first month's PayGate order (with the shopper's customer); the page opens the modal on it.
  app.post("/api/subscriptions", async (c) => {
    const body = startSchema.safeParse(await c.req.json().catch(() => null));
    const plan = body.success ? findPlan(body.data.plan) : undefined;
    if (!plan) return c.json({ error: { type: "validation_error", description: "Unknown plan" } }, 400);
    try {
      const started = await startSubscription(db, paygate, loggedIn(c), plan);
      if (started.existing?.status === "awaiting_payment") return c.json(subscriptionView(started.existing), 200);
      if (started.existing) {
        return c.json({ error: { type: "already_subscribed", description: `You are already in the ${plan.name}` } }, 409);
      }
      return started.created ? c.json(subscriptionView(started.created), 201) : c.json(notFound, 404);
    } catch (error) {
      const failure = paygateFailure(error);
      return c.json(failure.body, failure.status);
    }
  });

  // onSuccess from the modal: trusted only if the signature matches the order id the shop stored.
  // Then the saved card is looked up and PayGate's subscription created (next month onwards).
  app.post("/api/subscriptions/:id/payment-result", async (c) => {
    const user = loggedIn(c);
    const row = await getSubscription(db, c.req.param("id"), user.id);
    if (!row) return c.json(notFound, 404);
    const result = paymentResultSchema.safeParse(await c.req.json().catch(() => null));
    const valid =
      result.success &&
      verifyPaymentSignature(
        { orderId: row.paygate_order_id, paymentId: result.data.payment_id, signature: result.data.signature },
        apiSecret,
      );
    if (!valid || !result.success) return c.json({ error: { type: "invalid_signature" } }, 400);
    if (row.status === "awaiting_payment") {
      try {
        await activateSubscription(db, paygate, row, result.data.payment_id, await ensureCustomer(db, paygate, user));
      } catch (error) {
        const failure = paygateFailure(error);
        return c.json(failure.body, failure.status);
      }
    }
    const updated = await getSubscription(db, row.id, user.id);
    return updated ? c.json(subscriptionView(updated)) : c.json(notFound, 404);
  });

  // Stops PayGate's renewals. Cancelling twice answers the cancelled membership again.
  app.post("/api/subscriptions/:id/cancel", async (c) => {
    const user = loggedIn(c);
    const row = await getSubscription(db, c.req.param("id"), user.id);
    if (!row) return c.json(notFound, 404);
    if (!row.paygate_subscription_id) {
      return c.json({ error: { type: "not_active", description: "The first month is not paid yet" } }, 409);
    }
    if (row.status !== "cancelled") {
      try {
        await paygate.subscriptions.cancel(row.paygate_subscription_id, { idempotencyKey: `subscription-cancel-${row.id}` });
      } catch (error) {
        // Already cancelled at PayGate (its retries ran out, say): the shop's record catches up.
        if (!(error instanceof PayGateError && error.type === "subscription_state_invalid")) {
          const failure = paygateFailure(error);
          return c.json(failure.body, failure.status);
        }
      }
      await db.query(`update shop_subscriptions set status = 'cancelled', updated_at = now() where id = $1`, [row.id]);
    }
    const updated = await getSubscription(db, row.id, user.id);
    return updated ? c.json(subscriptionView(updated)) : c.json(notFound, 404);
  });

  return app;
}
