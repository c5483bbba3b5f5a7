import {
  merchantPatchSchema,
  merchantSchema,
  merchantStatsQuerySchema,
  merchantStatsSchema,
  secretRotationResultSchema,
  webhookSecretRotationResultSchema,
} from "@paygate/contracts";
import { ok } from "../http/envelope.js";
import { apiRoute, merchantSecurity } from "../http/route.js";
import { getMerchant, rotateApiSecret, rotateWebhookSecret, updateMerchant } from "../services/merchants/merchants.js";
import { merchantStats } from "../services/stats/stats.js";
import type { Api, RouteDeps } from "./deps.js";

export function registerMerchantRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tag: "Merchant", middleware: [auth.requireMerchant], security: merchantSecurity } as const;

  app.openapi(
    apiRoute({ ...common, method: "get", path: "/merchant", summary: "The authenticated merchant", data: merchantSchema }),
    async (c) => ok(c, await getMerchant({ ctx, merchantId: c.var.account.id })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "patch",
      path: "/merchant",
      summary: "Update name or webhook URL (null clears it)",
      body: merchantPatchSchema,
      data: merchantSchema,
    }),
    async (c) => ok(c, await updateMerchant({ ctx, merchantId: c.var.account.id, input: c.req.valid("json") })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/merchant/keys/rotate",
      summary: "Rotate the API secret (the old one stops working at once)",
      data: secretRotationResultSchema,
    }),
    async (c) => ok(c, await rotateApiSecret({ ctx, merchantId: c.var.account.id })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/merchant/webhook-secret/rotate",
      summary: "Rotate the webhook secret (both signatures are sent for 24 h)",
      data: webhookSecretRotationResultSchema,
    }),
    async (c) => ok(c, await rotateWebhookSecret({ ctx, merchantId: c.var.account.id })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/merchants/stats",
      summary: "Your payment statistics: volumes in ?currency= (default INR), every currency in by_currency",
      query: merchantStatsQuerySchema,
      data: merchantStatsSchema,
    }),
    async (c) => ok(c, await merchantStats({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })),
  );
}
