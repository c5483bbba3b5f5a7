import { createRoute } from "@hono/zod-openapi";
import {
  listOf,
  subscriptionCreateSchema,
  subscriptionListQuerySchema,
  subscriptionParamsSchema,
  subscriptionSchema,
} from "@paygate/contracts";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import {
  cancelSubscription,
  createSubscription,
  getSubscription,
  listSubscriptions,
} from "../services/subscriptions/subscriptions.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

/** SPEC §15: a customer's saved card charged every period. */
export function registerSubscriptionRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Subscriptions"], middleware: [auth.requireMerchant], security: merchantSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/subscriptions",
      summary: "Create a subscription",
      description:
        "Charges the first period with the customer's saved card at once (or at `start_at`); each later period is renewed through an invoice (`subscription_id`) paid with the card. A failed charge makes it `past_due`, retried 1, 3 and 5 days later, then `cancelled`. Honours Idempotency-Key.",
      request: { body: jsonBody(subscriptionCreateSchema) },
      responses: { 201: successResponse(subscriptionSchema, "The new subscription"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, { scope: merchantId, data: subscriptionSchema, status: 201 }, (tx) =>
        createSubscription({ ctx: tx, merchantId, input }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/subscriptions",
      summary: "List subscriptions, newest first",
      request: { query: subscriptionListQuerySchema },
      responses: { 200: successResponse(listOf(subscriptionSchema), "A page of subscriptions"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await listSubscriptions({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/subscriptions/{id}",
      summary: "Get a subscription",
      request: { params: subscriptionParamsSchema },
      responses: { 200: successResponse(subscriptionSchema, "The subscription"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        successBody(await getSubscription({ ctx, merchantId: c.var.account.id, subscriptionId: c.req.valid("param").id })),
        200,
      ),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/subscriptions/{id}/cancel",
      summary: "Cancel a subscription",
      description:
        "No renewal or retry charges it again. A cancelled one → 409 `subscription_state_invalid`. Honours Idempotency-Key.",
      request: { params: subscriptionParamsSchema },
      responses: { 200: successResponse(subscriptionSchema, "The cancelled subscription"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const subscriptionId = c.req.valid("param").id;
      return idempotent(c, ctx, { scope: merchantId, data: subscriptionSchema, status: 200 }, (tx) =>
        cancelSubscription({ ctx: tx, merchantId, subscriptionId }),
      );
    },
  );
}
