import { createRoute } from "@hono/zod-openapi";
import { idSchema, listOf, webhookDeliveryDetailSchema, webhookDeliverySchema, webhookListQuerySchema } from "@paygate/contracts";
import { z } from "zod";
import { successBody } from "../http/envelope.js";
import { errorResponses, merchantSecurity, successResponse } from "../http/route.js";
import { getDelivery, listDeliveries, retryDelivery } from "../services/webhooks/webhooks.js";
import type { Api, RouteDeps } from "./deps.js";

const deliveryParams = z.strictObject({ id: idSchema("delivery") });

export function registerWebhookRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Webhooks"], middleware: [auth.requireMerchant], security: merchantSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/webhooks",
      summary: "Webhook deliveries, newest first",
      request: { query: webhookListQuerySchema },
      responses: { 200: successResponse(listOf(webhookDeliverySchema), "A page of deliveries"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await listDeliveries({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/webhooks/{id}",
      summary: "A delivery with its payload and every attempt",
      request: { params: deliveryParams },
      responses: { 200: successResponse(webhookDeliveryDetailSchema, "The delivery"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getDelivery({ ctx, merchantId: c.var.account.id, deliveryId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/webhooks/{id}/retry",
      summary: "Deliver again now (attempts reset)",
      request: { params: deliveryParams },
      responses: { 200: successResponse(webhookDeliverySchema, "The delivery, due now"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await retryDelivery({ ctx, merchantId: c.var.account.id, deliveryId: c.req.valid("param").id })), 200),
  );
}
