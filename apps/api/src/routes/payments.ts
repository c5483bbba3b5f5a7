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
import { ok } from "../http/envelope.js";
import { apiRoute, merchantSecurity } from "../http/route.js";
import { capturePayment, createPayment, getPayment, listPayments, voidPayment } from "../services/payments/payments.js";
import { createRefund, getRefund, listRefunds } from "../services/refunds/refunds.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

const paymentParams = z.strictObject({ id: idSchema("payment") });

export function registerPaymentRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tag: "Payments", middleware: [auth.requireMerchant], security: merchantSecurity } as const;

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/payments",
      summary: "Create a payment (processed asynchronously)",
      description: "Card, UPI, netbanking or wallet. Returns the payment in `pending`. Honours Idempotency-Key.",
      body: paymentCreateSchema,
      data: paymentSchema,
      status: 201,
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, merchantId, async (tx) => ({
        status: 201,
        body: { success: true, data: await createPayment({ ctx: tx, merchantId, input }) },
      }));
    },
  );

  app.openapi(
    apiRoute({ ...common, method: "get", path: "/payments", summary: "List payments", query: paymentListQuerySchema, data: listOf(paymentSchema) }),
    async (c) => ok(c, await listPayments({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })),
  );

  app.openapi(
    apiRoute({ ...common, method: "get", path: "/payments/{id}", summary: "Get a payment", params: paymentParams, data: paymentSchema }),
    async (c) => ok(c, await getPayment({ ctx, merchantId: c.var.account.id, paymentId: c.req.valid("param").id })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/payments/{id}/capture",
      summary: "Capture an authorized payment (manual capture)",
      params: paymentParams,
      data: paymentSchema,
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const paymentId = c.req.valid("param").id;
      return idempotent(c, ctx, merchantId, async (tx) => ({
        status: 200,
        body: { success: true, data: await capturePayment({ ctx: tx, merchantId, paymentId }) },
      }));
    },
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/payments/{id}/void",
      summary: "Void an authorized payment (release the authorization)",
      description: "Only an `authorized` payment; otherwise 409 `payment_not_voidable`. Honours Idempotency-Key.",
      params: paymentParams,
      data: paymentSchema,
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const paymentId = c.req.valid("param").id;
      return idempotent(c, ctx, merchantId, async (tx) => ({
        status: 200,
        body: { success: true, data: await voidPayment({ ctx: tx, merchantId, paymentId }) },
      }));
    },
  );

  app.openapi(
    apiRoute({
      ...common,
      tag: "Refunds",
      method: "post",
      path: "/payments/{id}/refunds",
      summary: "Refund a captured payment, fully or partly",
      description: "`amount` defaults to what remains refundable. Processed asynchronously. Honours Idempotency-Key.",
      params: paymentParams,
      body: refundCreateSchema,
      data: refundSchema,
      status: 201,
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const paymentId = c.req.valid("param").id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, merchantId, async (tx) => ({
        status: 201,
        body: { success: true, data: await createRefund({ ctx: tx, merchantId, paymentId, input }) },
      }));
    },
  );

  app.openapi(
    apiRoute({ ...common, tag: "Refunds", method: "get", path: "/refunds", summary: "List refunds", query: refundListQuerySchema, data: listOf(refundSchema) }),
    async (c) => ok(c, await listRefunds({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })),
  );

  app.openapi(
    apiRoute({
      ...common,
      tag: "Refunds",
      method: "get",
      path: "/refunds/{id}",
      summary: "Get a refund",
      params: z.strictObject({ id: idSchema("refund") }),
      data: refundSchema,
    }),
    async (c) => ok(c, await getRefund({ ctx, merchantId: c.var.account.id, refundId: c.req.valid("param").id })),
  );
}
