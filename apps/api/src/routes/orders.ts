import {
  idSchema,
  listOf,
  listQuerySchema,
  orderCreateSchema,
  orderListQuerySchema,
  orderSchema,
  paymentSchema,
} from "@paygate/contracts";
import { z } from "zod";
import { ok } from "../http/envelope.js";
import { apiRoute, merchantSecurity } from "../http/route.js";
import { cancelOrder, createOrder, getOrder, listOrderPayments, listOrders } from "../services/orders/orders.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

const orderParams = z.strictObject({ id: idSchema("order") });

export function registerOrderRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tag: "Orders", middleware: [auth.requireMerchant], security: merchantSecurity } as const;

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/orders",
      summary: "Create an order",
      description: "Amounts are integers in minor units. Honours Idempotency-Key.",
      body: orderCreateSchema,
      data: orderSchema,
      status: 201,
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, merchantId, async (tx) => ({
        status: 201,
        body: { success: true, data: await createOrder({ ctx: tx, merchantId, input }) },
      }));
    },
  );

  app.openapi(
    apiRoute({ ...common, method: "get", path: "/orders", summary: "List orders, newest first", query: orderListQuerySchema, data: listOf(orderSchema) }),
    async (c) => ok(c, await listOrders({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })),
  );

  app.openapi(
    apiRoute({ ...common, method: "get", path: "/orders/{id}", summary: "Get an order", params: orderParams, data: orderSchema }),
    async (c) => ok(c, await getOrder({ ctx, merchantId: c.var.account.id, orderId: c.req.valid("param").id })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/orders/{id}/payments",
      summary: "The order's payments",
      params: orderParams,
      query: listQuerySchema,
      data: listOf(paymentSchema),
    }),
    async (c) =>
      ok(c, await listOrderPayments({ ctx, merchantId: c.var.account.id, orderId: c.req.valid("param").id, query: c.req.valid("query") })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/orders/{id}/cancel",
      summary: "Cancel an order that is not paid",
      params: orderParams,
      data: orderSchema,
    }),
    async (c) => ok(c, await cancelOrder({ ctx, merchantId: c.var.account.id, orderId: c.req.valid("param").id })),
  );
}
