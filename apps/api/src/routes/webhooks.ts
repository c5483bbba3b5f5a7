import { idSchema, listOf, webhookDeliveryDetailSchema, webhookDeliverySchema, webhookListQuerySchema } from "@paygate/contracts";
import { z } from "zod";
import { ok } from "../http/envelope.js";
import { apiRoute, merchantSecurity } from "../http/route.js";
import { getDelivery, listDeliveries, retryDelivery } from "../services/webhooks/webhooks.js";
import type { Api, RouteDeps } from "./deps.js";

const deliveryParams = z.strictObject({ id: idSchema("delivery") });

export function registerWebhookRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tag: "Webhooks", middleware: [auth.requireMerchant], security: merchantSecurity } as const;

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/webhooks",
      summary: "Webhook deliveries, newest first",
      query: webhookListQuerySchema,
      data: listOf(webhookDeliverySchema),
    }),
    async (c) => ok(c, await listDeliveries({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/webhooks/{id}",
      summary: "A delivery with its payload and every attempt",
      params: deliveryParams,
      data: webhookDeliveryDetailSchema,
    }),
    async (c) => ok(c, await getDelivery({ ctx, merchantId: c.var.account.id, deliveryId: c.req.valid("param").id })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/webhooks/{id}/retry",
      summary: "Deliver again now (attempts reset)",
      params: deliveryParams,
      data: webhookDeliverySchema,
    }),
    async (c) => ok(c, await retryDelivery({ ctx, merchantId: c.var.account.id, deliveryId: c.req.valid("param").id })),
  );
}
