import {
  adminMerchantStatsSchema,
  adminMerchantsQuerySchema,
  adminStatsQuerySchema,
  adminStatsSchema,
  idSchema,
  listOf,
  merchantSchema,
} from "@paygate/contracts";
import { z } from "zod";
import { ok } from "../http/envelope.js";
import { adminSecurity, apiRoute } from "../http/route.js";
import { adminStats, deleteMerchant, listMerchants } from "../services/stats/stats.js";
import type { Api, RouteDeps } from "./deps.js";

export function registerAdminRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tag: "Admin", middleware: [auth.requireAdmin], security: adminSecurity } as const;

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/admin/stats",
      summary: "Platform totals, or one merchant's with ?merchant_id=",
      query: adminStatsQuerySchema,
      data: z.union([adminStatsSchema, adminMerchantStatsSchema]),
    }),
    async (c) => ok(c, await adminStats({ ctx, query: c.req.valid("query") })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/admin/merchants",
      summary: "List merchants (deleted ones with ?include_deleted=true)",
      query: adminMerchantsQuerySchema,
      data: listOf(merchantSchema),
    }),
    async (c) => ok(c, await listMerchants({ ctx, query: c.req.valid("query") })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "delete",
      path: "/admin/merchants/{id}",
      summary: "Soft-delete a merchant: its keys and tokens stop working",
      params: z.strictObject({ id: idSchema("merchant") }),
      data: merchantSchema,
    }),
    async (c) => ok(c, await deleteMerchant({ ctx, merchantId: c.req.valid("param").id })),
  );
}
