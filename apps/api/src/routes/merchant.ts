import { createRoute } from "@hono/zod-openapi";
import {
  merchantPatchSchema,
  merchantSchema,
  merchantStatsQuerySchema,
  merchantStatsSchema,
  secretRotationResultSchema,
  webhookSecretRotationResultSchema,
  webhookSecretSchema,
} from "@paygate/contracts";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import {
  getMerchant,
  revealWebhookSecret,
  rotateApiSecret,
  rotateWebhookSecret,
  updateMerchant,
} from "../services/merchants/merchants.js";
import { merchantStats } from "../services/stats/stats.js";
import type { Api, RouteDeps } from "./deps.js";

export function registerMerchantRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Merchant"], middleware: [auth.requireMerchant], security: merchantSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/merchant",
      summary: "The authenticated merchant",
      responses: { 200: successResponse(merchantSchema, "The merchant"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await getMerchant({ ctx, merchantId: c.var.account.id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "patch",
      path: "/merchant",
      summary: "Update name or webhook URL (null clears it)",
      request: { body: jsonBody(merchantPatchSchema) },
      responses: { 200: successResponse(merchantSchema, "The updated merchant"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await updateMerchant({ ctx, merchantId: c.var.account.id, input: c.req.valid("json") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/merchant/keys/rotate",
      summary: "Rotate the API secret (the old one stops working at once)",
      responses: { 200: successResponse(secretRotationResultSchema, "The new secret, shown once"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await rotateApiSecret({ ctx, merchantId: c.var.account.id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/merchant/webhook-secret",
      summary: "The current webhook secret of the default webhook URL (Cache-Control: no-store)",
      responses: { 200: successResponse(webhookSecretSchema, "The webhook secret"), ...errorResponses },
    }),
    async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(successBody(await revealWebhookSecret({ ctx, merchantId: c.var.account.id })), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/merchant/webhook-secret/rotate",
      summary: "Rotate the webhook secret (both signatures are sent for 24 h)",
      responses: { 200: successResponse(webhookSecretRotationResultSchema, "The new webhook secret"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await rotateWebhookSecret({ ctx, merchantId: c.var.account.id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/merchants/stats",
      summary: "Your payment statistics: volumes in ?currency= (default INR), every currency in by_currency",
      request: { query: merchantStatsQuerySchema },
      responses: { 200: successResponse(merchantStatsSchema, "The merchant's totals"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await merchantStats({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );
}
