import { createRoute } from "@hono/zod-openapi";
import {
  adminMerchantsQuerySchema,
  adminStatsQuerySchema,
  adminStatsResultSchema,
  idSchema,
  listOf,
  merchantSchema,
} from "@paygate/contracts";
import { z } from "zod";
import { successBody } from "../http/envelope.js";
import { adminSecurity, errorResponses, successResponse } from "../http/route.js";
import { adminStats, deleteMerchant, listMerchants } from "../services/stats/stats.js";
import type { Api, RouteDeps } from "./deps.js";

export function registerAdminRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Admin"], middleware: [auth.requireAdmin], security: adminSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/admin/stats",
      summary: "Platform totals, or one merchant's with ?merchant_id=",
      request: { query: adminStatsQuerySchema },
      responses: { 200: successResponse(adminStatsResultSchema, "The totals"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await adminStats({ ctx, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/admin/merchants",
      summary: "List merchants (deleted ones with ?include_deleted=true)",
      request: { query: adminMerchantsQuerySchema },
      responses: { 200: successResponse(listOf(merchantSchema), "A page of merchants"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await listMerchants({ ctx, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "delete",
      path: "/admin/merchants/{id}",
      summary: "Soft-delete a merchant: its keys and tokens stop working",
      request: { params: z.strictObject({ id: idSchema("merchant") }) },
      responses: { 200: successResponse(merchantSchema, "The deleted merchant"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await deleteMerchant({ ctx, merchantId: c.req.valid("param").id })), 200),
  );
}
