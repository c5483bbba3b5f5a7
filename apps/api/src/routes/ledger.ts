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
import { ok } from "../http/envelope.js";
import { adminSecurity, apiRoute, merchantSecurity } from "../http/route.js";
import { getBalance, listBalanceTransactions, trialBalance } from "../services/ledger/balance.js";
import { setMerchantFees } from "../services/ledger/fees.js";
import { getSettlement, listSettlements } from "../services/ledger/settlements.js";
import type { Api, RouteDeps } from "./deps.js";

/** SPEC §13: the merchant's balance, its balance transactions and settlements. */
export function registerBalanceRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tag: "Balance", middleware: [auth.requireMerchant], security: merchantSecurity } as const;

  app.openapi(
    apiRoute({ ...common, method: "get", path: "/balance", summary: "Available and pending balance per currency", data: balanceSchema }),
    async (c) => ok(c, await getBalance({ ctx, merchantId: c.var.account.id })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/balance/transactions",
      summary: "Balance transactions, newest first (filter by type, currency, source_id)",
      query: balanceTransactionListQuerySchema,
      data: balanceTransactionListSchema,
    }),
    async (c) => ok(c, await listBalanceTransactions({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/settlements",
      summary: "Settlements, newest first",
      query: settlementListQuerySchema,
      data: settlementListSchema,
    }),
    async (c) => ok(c, await listSettlements({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/settlements/{id}",
      summary: "One settlement",
      params: settlementParamsSchema,
      data: settlementSchema,
    }),
    async (c) => ok(c, await getSettlement({ ctx, merchantId: c.var.account.id, settlementId: c.req.valid("param").id })),
  );
}

/** SPEC §13, admin side: the trial balance and per-merchant fee overrides. */
export function registerLedgerAdminRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tag: "Admin", middleware: [auth.requireAdmin], security: adminSecurity } as const;

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/admin/ledger/trial-balance",
      summary: "Σ debits and Σ credits of the whole ledger per currency",
      data: trialBalanceSchema,
    }),
    async (c) => ok(c, await trialBalance({ ctx })),
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "patch",
      path: "/admin/merchants/{id}",
      summary: "Override a merchant's fees (null returns to the platform default)",
      params: z.strictObject({ id: idSchema("merchant") }),
      body: merchantFeesPatchSchema,
      data: merchantFeesSchema,
    }),
    async (c) => ok(c, await setMerchantFees({ ctx, merchantId: c.req.valid("param").id, input: c.req.valid("json") })),
  );
}
