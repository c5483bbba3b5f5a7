import { createRoute } from "@hono/zod-openapi";
import {
  checkoutLinkSchema,
  idSchema,
  listOf,
  paymentLinkCreateSchema,
  paymentLinkListQuerySchema,
  paymentLinkSchema,
} from "@paygate/contracts";
import { z } from "zod";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import { getCheckoutLink } from "../services/payment-links/checkout-link.js";
import {
  cancelPaymentLink,
  createPaymentLink,
  getPaymentLink,
  listPaymentLinks,
} from "../services/payment-links/payment-links.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

const linkParams = z.strictObject({ id: idSchema("paymentLink") });

/** SPEC §14 payment links: the merchant's routes and the hosted page's public one. */
export function registerPaymentLinkRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Payment links"], middleware: [auth.requireMerchant], security: merchantSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/payment_links",
      summary: "Create a payment link",
      description:
        "Creates the link and its order; `url` is the hosted page to send to the customer. `expire_by` must be in the future. Honours Idempotency-Key.",
      request: { body: jsonBody(paymentLinkCreateSchema) },
      responses: { 201: successResponse(paymentLinkSchema, "The new payment link"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, { scope: merchantId, data: paymentLinkSchema, status: 201 }, (tx) =>
        createPaymentLink({ ctx: tx, merchantId, input }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/payment_links",
      summary: "List payment links, newest first",
      request: { query: paymentLinkListQuerySchema },
      responses: { 200: successResponse(listOf(paymentLinkSchema), "A page of payment links"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await listPaymentLinks({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/payment_links/{id}",
      summary: "Get a payment link",
      request: { params: linkParams },
      responses: { 200: successResponse(paymentLinkSchema, "The payment link"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getPaymentLink({ ctx, merchantId: c.var.account.id, linkId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/payment_links/{id}/cancel",
      summary: "Cancel a payment link that is not paid",
      description:
        "Cancels the link and its order (voiding any authorization). A cancelled link answers as it is; a paid or expired one → 410 `link_not_payable` with `meta.reason`.",
      request: { params: linkParams },
      responses: { 200: successResponse(paymentLinkSchema, "The cancelled payment link"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await cancelPaymentLink({ ctx, merchantId: c.var.account.id, linkId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      tags: ["Checkout (public)"],
      middleware: [auth.publicRateLimit],
      method: "get",
      path: "/checkout/links/{id}",
      summary: "A payment link as its hosted page shows it (no key needed)",
      description:
        "A payable link: the checkout order, the link and the merchant's publishable key, to pay through the public payment endpoints. An expired, cancelled or paid link → 410 `link_not_payable` with `meta: { reason, payment_link, merchant, payment_id, key }`.",
      request: { params: linkParams },
      responses: { 200: successResponse(checkoutLinkSchema, "The link's checkout"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await getCheckoutLink({ ctx, linkId: c.req.valid("param").id })), 200),
  );
}
