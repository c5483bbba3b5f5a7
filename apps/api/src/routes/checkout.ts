import { createRoute } from "@hono/zod-openapi";
import {
  authenticateBodySchema,
  checkoutDiscountBodySchema,
  checkoutOrderSchema,
  idSchema,
  publicKeyQuerySchema,
  publicPaymentCreateSchema,
  publicPaymentSchema,
} from "@paygate/contracts";
import { z } from "zod";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, successResponse } from "../http/route.js";
import { ServiceError } from "../lib/errors.js";
import { merchantForPublishableKey } from "../services/auth/auth.js";
import { applyCheckoutDiscount, removeCheckoutDiscount } from "../services/checkout/discount.js";
import { getCheckoutOrder } from "../services/checkout/get-checkout-order.js";
import { authenticatePayment, createPublicPayment, getPublicPayment } from "../services/checkout/public-payments.js";
import { idempotencyScope } from "../services/infra/idempotency.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

const paymentParams = z.strictObject({ id: idSchema("payment") });

/** The public endpoints of SPEC §7, authorised by the publishable key alone. */
export function registerCheckoutRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Checkout (public)"], middleware: [auth.publicRateLimit] };

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/checkout/orders/{order_id}",
      summary: "The order as the checkout shows it",
      request: { params: z.strictObject({ order_id: idSchema("order") }), query: publicKeyQuerySchema },
      responses: { 200: successResponse(checkoutOrderSchema, "The order, merchant and methods"), ...errorResponses },
    }),
    async (c) => {
      const { key } = c.req.valid("query");
      return c.json(successBody(await getCheckoutOrder({ ctx, key, orderId: c.req.valid("param").order_id })), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/payments/public",
      summary: "Create a payment from the checkout",
      description: "Honours Idempotency-Key; the checkout sends one per attempt.",
      request: { body: jsonBody(publicPaymentCreateSchema) },
      responses: { 201: successResponse(publicPaymentSchema, "The new payment's status"), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const merchant = await merchantForPublishableKey(ctx, input.key);
      if (!merchant) throw new ServiceError("unauthorized", "Unknown publishable key", { param: "key" });
      return idempotent(c, ctx, { scope: idempotencyScope.checkout(merchant.id), data: publicPaymentSchema, status: 201 }, (tx) =>
        createPublicPayment({ ctx: tx, input }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/payments/{id}/public",
      summary: "A payment's status for the checkout (with the signature once it succeeded)",
      request: { params: paymentParams, query: publicKeyQuerySchema },
      responses: { 200: successResponse(publicPaymentSchema, "The payment's status"), ...errorResponses },
    }),
    async (c) => {
      const { key } = c.req.valid("query");
      return c.json(successBody(await getPublicPayment({ ctx, key, paymentId: c.req.valid("param").id })), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/payments/{id}/public/authenticate",
      summary: "3-D Secure: submit the OTP",
      request: { params: paymentParams, body: jsonBody(authenticateBodySchema) },
      responses: { 200: successResponse(publicPaymentSchema, "The payment's status"), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return c.json(successBody(await authenticatePayment({ ctx, paymentId: c.req.valid("param").id, input })), 200);
    },
  );

  const orderParams = z.strictObject({ order_id: idSchema("order") });
  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/checkout/orders/{order_id}/discount",
      summary: "Apply the shopper's promo code",
      description:
        "Reserves one use of the code for the order. Only while the order is payable and no payment is in flight (else 409 `order_not_payable`); an unusable code → 409 `discount_invalid` with `meta.reason`.",
      request: { params: orderParams, body: jsonBody(checkoutDiscountBodySchema) },
      responses: { 200: successResponse(checkoutOrderSchema, "The order with its discount"), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return c.json(successBody(await applyCheckoutDiscount({ ctx, orderId: c.req.valid("param").order_id, input })), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "delete",
      path: "/checkout/orders/{order_id}/discount",
      summary: "Remove the order's promo code",
      description: "Gives the code's use back. Same conditions as applying it.",
      request: { params: orderParams, query: publicKeyQuerySchema },
      responses: { 200: successResponse(checkoutOrderSchema, "The order without a discount"), ...errorResponses },
    }),
    async (c) => {
      const { key } = c.req.valid("query");
      return c.json(successBody(await removeCheckoutDiscount({ ctx, key, orderId: c.req.valid("param").order_id })), 200);
    },
  );
}
