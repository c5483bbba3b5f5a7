import { createRoute } from "@hono/zod-openapi";
import {
  checkoutInvoiceSchema,
  idSchema,
  invoiceCreateSchema,
  invoiceListQuerySchema,
  invoiceSchema,
  invoiceUpdateSchema,
  listOf,
} from "@paygate/contracts";
import { z } from "zod";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import { getCheckoutInvoice } from "../services/checkout/get-checkout-invoice.js";
import { cancelInvoice } from "../services/invoices/cancel-invoice.js";
import { createInvoice, getInvoice, listInvoices, updateInvoice } from "../services/invoices/invoices.js";
import { sendInvoice } from "../services/invoices/send-invoice.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

const invoiceParams = z.strictObject({ id: idSchema("invoice") });

/** SPEC §14 invoices, and the public read the hosted page `/i/{id}` makes. */
export function registerInvoiceRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Invoices"], middleware: [auth.requireMerchant], security: merchantSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/invoices",
      summary: "Create a draft invoice",
      description:
        "Line amounts, subtotal, discount, tax (half up) and total are computed by the server in minor units. Honours Idempotency-Key.",
      request: { body: jsonBody(invoiceCreateSchema) },
      responses: { 201: successResponse(invoiceSchema, "The new draft"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, { scope: merchantId, data: invoiceSchema, status: 201 }, (tx) =>
        createInvoice({ ctx: tx, merchantId, input }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/invoices",
      summary: "List invoices, newest first",
      request: { query: invoiceListQuerySchema },
      responses: { 200: successResponse(listOf(invoiceSchema), "A page of invoices"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await listInvoices({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/invoices/{id}",
      summary: "Get an invoice",
      request: { params: invoiceParams },
      responses: { 200: successResponse(invoiceSchema, "The invoice"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getInvoice({ ctx, merchantId: c.var.account.id, invoiceId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "patch",
      path: "/invoices/{id}",
      summary: "Edit a draft invoice",
      description: "Drafts only (else 409 invoice_state_invalid); the amounts are computed again.",
      request: { params: invoiceParams, body: jsonBody(invoiceUpdateSchema) },
      responses: { 200: successResponse(invoiceSchema, "The updated draft"), ...errorResponses },
    }),
    async (c) => {
      const invoice = await updateInvoice({
        ctx,
        merchantId: c.var.account.id,
        invoiceId: c.req.valid("param").id,
        input: c.req.valid("json"),
      });
      return c.json(successBody(invoice), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/invoices/{id}/send",
      summary: "Send a draft invoice",
      description:
        "Assigns the number (INV-000001, per merchant, gapless), creates the order the customer pays, sets `url` (the hosted page), emails the customer and records `invoice.sent`. Honours Idempotency-Key.",
      request: { params: invoiceParams },
      responses: { 200: successResponse(invoiceSchema, "The sent invoice"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const invoiceId = c.req.valid("param").id;
      return idempotent(c, ctx, { scope: merchantId, data: invoiceSchema, status: 200 }, (tx) =>
        sendInvoice({ ctx: tx, merchantId, invoiceId }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/invoices/{id}/cancel",
      summary: "Cancel an unpaid invoice",
      description: "Its order is cancelled too, so it can no longer be paid.",
      request: { params: invoiceParams },
      responses: { 200: successResponse(invoiceSchema, "The cancelled invoice"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await cancelInvoice({ ctx, merchantId: c.var.account.id, invoiceId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      tags: ["Checkout (public)"],
      middleware: [auth.publicRateLimit],
      method: "get",
      path: "/checkout/invoices/{id}",
      summary: "The invoice as its hosted page shows it (no key needed)",
      description: "Marks a sent invoice `viewed`. Drafts are not public (404).",
      request: { params: invoiceParams },
      responses: { 200: successResponse(checkoutInvoiceSchema, "The invoice, merchant and publishable key"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await getCheckoutInvoice({ ctx, invoiceId: c.req.valid("param").id })), 200),
  );
}
