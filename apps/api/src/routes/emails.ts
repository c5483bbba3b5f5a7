import { createRoute } from "@hono/zod-openapi";
import { emailListQuerySchema, emailMessageSchema, listOf, testEmailQuerySchema, testEmailSchema } from "@paygate/contracts";
import { successBody } from "../http/envelope.js";
import { errorResponses, merchantSecurity, successResponse } from "../http/route.js";
import { listEmails, listTestEmails } from "../services/mailbox/list-emails.js";
import type { Api, RouteDeps } from "./deps.js";

/** The mailbox (SPEC §14): `GET /emails` for the merchant, `GET /test/emails` in TEST_MODE only. */
export function registerEmailRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { middleware: [auth.requireMerchant], security: merchantSecurity, tags: ["Emails"] };

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/emails",
      summary: "List the emails PayGate sent for you",
      description: "Newest first; filter by `invoice_id`, `payment_id` or `payment_link_id`.",
      request: { query: emailListQuerySchema },
      responses: { 200: successResponse(listOf(emailMessageSchema), "A page of emails"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await listEmails({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  // Registered only in TEST_MODE, so outside it the path is a plain 404.
  if (!ctx.config.testMode) return;
  app.openapi(
    createRoute({
      ...common,
      tags: ["Test mode"],
      method: "get",
      path: "/test/emails",
      summary: "The mailbox: emails sent to an address",
      description: "`to` is matched exactly, without case. Newest first.",
      request: { query: testEmailQuerySchema },
      responses: { 200: successResponse(listOf(testEmailSchema), "A page of emails"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await listTestEmails({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );
}
