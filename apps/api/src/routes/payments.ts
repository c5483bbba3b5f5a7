import { createRoute } from "@hono/zod-openapi";
import {
  idSchema,
  listOf,
  paymentCreateSchema,
  paymentListQuerySchema,
  paymentSchema,
  refundCreateSchema,
  refundListQuerySchema,
  refundSchema,
} from "@paygate/contracts";
import { z } from "zod";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import { capturePayment, createPayment, getPayment, listPayments, voidPayment } from "../services/payments/payments.js";
import { createRefund, getRefund, listRefunds } from "../services/refunds/refunds.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

const paymentParams = z.strictObject({ id: idSchema("payment") });

export function registerPaymentRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { middleware: [auth.requireMerchant], security: merchantSecurity };
  const payments = { ...common, tags: ["Payments"] };
  const refunds = { ...common, tags: ["Refunds"] };

  app.openapi(
    createRoute({
      ...payments,
      method: "post",
      path: "/payments",
      summary: "Create a payment (processed asynchronously)",
      description:
        'Card, UPI, netbanking or wallet, or a customer\'s saved card (`payment_method: "pm_…"`, charged without the shopper: a card that needs 3-D Secure fails `authentication_required`). Returns the payment in `pending`. Honours Idempotency-Key.',
      request: { body: jsonBody(paymentCreateSchema) },
      responses: { 201: successResponse(paymentSchema, "The new payment"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, { scope: merchantId, data: paymentSchema, status: 201 }, (tx) =>
        createPayment({ ctx: tx, merchantId, input }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...payments,
      method: "get",
      path: "/payments",
      summary: "List payments",
      request: { query: paymentListQuerySchema },
      responses: { 200: successResponse(listOf(paymentSchema), "A page of payments"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await listPayments({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...payments,
      method: "get",
      path: "/payments/{id}",
      summary: "Get a payment",
      request: { params: paymentParams },
      responses: { 200: successResponse(paymentSchema, "The payment"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getPayment({ ctx, merchantId: c.var.account.id, paymentId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      ...payments,
      method: "post",
      path: "/payments/{id}/capture",
      summary: "Capture an authorized payment (manual capture)",
      description: "Honours Idempotency-Key.",
      request: { params: paymentParams },
      responses: { 200: successResponse(paymentSchema, "The captured payment"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const paymentId = c.req.valid("param").id;
      return idempotent(c, ctx, { scope: merchantId, data: paymentSchema, status: 200 }, (tx) =>
        capturePayment({ ctx: tx, merchantId, paymentId }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...payments,
      method: "post",
      path: "/payments/{id}/void",
      summary: "Void an authorized payment (release the authorization)",
      description: "Only an `authorized` payment; otherwise 409 `payment_not_voidable`. Honours Idempotency-Key.",
      request: { params: paymentParams },
      responses: { 200: successResponse(paymentSchema, "The voided payment"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const paymentId = c.req.valid("param").id;
      return idempotent(c, ctx, { scope: merchantId, data: paymentSchema, status: 200 }, (tx) =>
        voidPayment({ ctx: tx, merchantId, paymentId }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...refunds,
      method: "post",
      path: "/payments/{id}/refunds",
      summary: "Refund a captured payment, fully or partly",
      description: "`amount` defaults to what remains refundable. Processed asynchronously. Honours Idempotency-Key.",
      request: { params: paymentParams, body: jsonBody(refundCreateSchema) },
      responses: { 201: successResponse(refundSchema, "The new refund"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const paymentId = c.req.valid("param").id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, { scope: merchantId, data: refundSchema, status: 201 }, (tx) =>
        createRefund({ ctx: tx, merchantId, paymentId, input }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...refunds,
      method: "get",
      path: "/refunds",
      summary: "List refunds",
      request: { query: refundListQuerySchema },
      responses: { 200: successResponse(listOf(refundSchema), "A page of refunds"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await listRefunds({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...refunds,
      method: "get",
      path: "/refunds/{id}",
      summary: "Get a refund",
      request: { params: z.strictObject({ id: idSchema("refund") }) },
      responses: { 200: successResponse(refundSchema, "The refund"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getRefund({ ctx, merchantId: c.var.account.id, refundId: c.req.valid("param").id })), 200),
  );
}
