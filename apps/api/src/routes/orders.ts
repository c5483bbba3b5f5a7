import { createRoute } from "@hono/zod-openapi";
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
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import { cancelOrder, createOrder, getOrder, listOrderPayments, listOrders } from "../services/orders/orders.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

const orderParams = z.strictObject({ id: idSchema("order") });

export function registerOrderRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Orders"], middleware: [auth.requireMerchant], security: merchantSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/orders",
      summary: "Create an order",
      description: "Amounts are integers in minor units. Honours Idempotency-Key.",
      request: { body: jsonBody(orderCreateSchema) },
      responses: { 201: successResponse(orderSchema, "The new order"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, { scope: merchantId, data: orderSchema, status: 201 }, (tx) =>
        createOrder({ ctx: tx, merchantId, input }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/orders",
      summary: "List orders, newest first",
      request: { query: orderListQuerySchema },
      responses: { 200: successResponse(listOf(orderSchema), "A page of orders"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await listOrders({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/orders/{id}",
      summary: "Get an order",
      request: { params: orderParams },
      responses: { 200: successResponse(orderSchema, "The order"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getOrder({ ctx, merchantId: c.var.account.id, orderId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/orders/{id}/payments",
      summary: "The order's payments",
      request: { params: orderParams, query: listQuerySchema },
      responses: { 200: successResponse(listOf(paymentSchema), "A page of the order's payments"), ...errorResponses },
    }),
    async (c) => {
      const page = await listOrderPayments({
        ctx,
        merchantId: c.var.account.id,
        orderId: c.req.valid("param").id,
        query: c.req.valid("query"),
      });
      return c.json(successBody(page), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/orders/{id}/cancel",
      summary: "Cancel an order that is not paid",
      request: { params: orderParams },
      responses: { 200: successResponse(orderSchema, "The cancelled order"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await cancelOrder({ ctx, merchantId: c.var.account.id, orderId: c.req.valid("param").id })), 200),
  );
}
