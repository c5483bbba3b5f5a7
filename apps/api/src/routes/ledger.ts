import { createRoute } from "@hono/zod-openapi";
import {
  balanceSchema,
  balanceTransactionListQuerySchema,
  balanceTransactionListSchema,
  idSchema,
  merchantFeesPatchSchema,
  merchantFeesSchema,
  settlementListQuerySchema,
  settlementListSchema,
  settlementParamsSchema,
  settlementSchema,
  trialBalanceSchema,
} from "@paygate/contracts";
import { z } from "zod";
import { successBody } from "../http/envelope.js";
import { adminSecurity, errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import { getBalance, listBalanceTransactions, trialBalance } from "../services/ledger/balance.js";
import { setMerchantFees } from "../services/ledger/fees.js";
import { getSettlement, listSettlements } from "../services/ledger/settlements.js";
import type { Api, RouteDeps } from "./deps.js";

/** SPEC §13: the merchant's balance, its balance transactions and settlements. */
export function registerBalanceRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Balance"], middleware: [auth.requireMerchant], security: merchantSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/balance",
      summary: "Available and pending balance per currency",
      responses: { 200: successResponse(balanceSchema, "The balance, one entry per currency"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await getBalance({ ctx, merchantId: c.var.account.id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/balance/transactions",
      summary: "Balance transactions, newest first (filter by type, currency, source_id)",
      request: { query: balanceTransactionListQuerySchema },
      responses: { 200: successResponse(balanceTransactionListSchema, "A page of balance transactions"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await listBalanceTransactions({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/settlements",
      summary: "Settlements, newest first",
      request: { query: settlementListQuerySchema },
      responses: { 200: successResponse(settlementListSchema, "A page of settlements"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await listSettlements({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/settlements/{id}",
      summary: "One settlement",
      request: { params: settlementParamsSchema },
      responses: { 200: successResponse(settlementSchema, "The settlement"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getSettlement({ ctx, merchantId: c.var.account.id, settlementId: c.req.valid("param").id })), 200),
  );
}

/** SPEC §13, admin side: the trial balance and per-merchant fee overrides. */
export function registerLedgerAdminRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Admin"], middleware: [auth.requireAdmin], security: adminSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/admin/ledger/trial-balance",
      summary: "Σ debits and Σ credits of the whole ledger per currency",
      responses: { 200: successResponse(trialBalanceSchema, "The trial balance"), ...errorResponses },
    }),
    async (c) => c.json(successBody(await trialBalance({ ctx })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "patch",
      path: "/admin/merchants/{id}",
      summary: "Override a merchant's fees (null returns to the platform default)",
      request: { params: z.strictObject({ id: idSchema("merchant") }), body: jsonBody(merchantFeesPatchSchema) },
      responses: { 200: successResponse(merchantFeesSchema, "The fees that now apply"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await setMerchantFees({ ctx, merchantId: c.req.valid("param").id, input: c.req.valid("json") })), 200),
  );
}
