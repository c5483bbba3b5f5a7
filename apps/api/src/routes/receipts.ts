import { createRoute } from "@hono/zod-openapi";
import { idSchema, publicKeyQuerySchema } from "@paygate/contracts";
import { z } from "zod";
import { errorResponses, merchantSecurity, pdfHeaders, pdfResponse } from "../http/route.js";
import { getPublicReceiptPdf, getReceiptPdf } from "../services/receipts/receipt-pdf.js";
import type { Api, RouteDeps } from "./deps.js";

const paymentParams = z.strictObject({ id: idSchema("payment") });
const uncaptured = "A payment that was never captured has no receipt: 404 `not_found`, like an unknown payment.";

/** Receipt PDFs (SPEC §14): the merchant's, and the shopper's through the publishable key. */
export function registerReceiptRoutes(app: Api, { ctx, auth }: RouteDeps) {
  app.openapi(
    createRoute({
      middleware: [auth.requireMerchant],
      security: merchantSecurity,
      tags: ["Payments"],
      method: "get",
      path: "/payments/{id}/receipt",
      summary: "A captured payment's receipt (PDF)",
      description: uncaptured,
      request: { params: paymentParams },
      responses: { 200: pdfResponse("The receipt"), ...errorResponses },
    }),
    async (c) => {
      const { pdf, receiptNumber } = await getReceiptPdf({
        ctx,
        merchantId: c.var.account.id,
        paymentId: c.req.valid("param").id,
      });
      return c.body(new Uint8Array(pdf), 200, pdfHeaders(`${receiptNumber}.pdf`, "inline"));
    },
  );

  app.openapi(
    createRoute({
      middleware: [auth.publicRateLimit],
      tags: ["Checkout (public)"],
      method: "get",
      path: "/checkout/payments/{id}/receipt",
      summary: "The shopper's receipt (PDF), by the publishable key",
      description: `Only the key's merchant's payments. ${uncaptured}`,
      request: { params: paymentParams, query: publicKeyQuerySchema },
      responses: { 200: pdfResponse("The receipt, as a download"), ...errorResponses },
    }),
    async (c) => {
      const { pdf, receiptNumber } = await getPublicReceiptPdf({
        ctx,
        key: c.req.valid("query").key,
        paymentId: c.req.valid("param").id,
      });
      return c.body(new Uint8Array(pdf), 200, pdfHeaders(`receipt-${receiptNumber}.pdf`, "attachment"));
    },
  );
}
