import {
  adminMerchantsQuerySchema,
  adminStatsQuerySchema,
  type Currency,
  type CurrencyStats,
  merchantStatsQuerySchema,
  periodEnd,
  periodStart,
} from "@paygate/contracts";
import { and, count, desc, eq, gte, inArray, isNull, lt, type SQL, sql, sum } from "drizzle-orm";
import type { z } from "zod";
import { merchants, orders, payments, refunds } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import type { ServiceContext } from "../context.js";
import { page, serializeMerchant } from "../serialize.js";

const SUCCESSFUL = ["captured", "refunded"] as const;

/** Success rate in percent, two decimals: successful ÷ (successful + failed). */
function successRate(successful: number, failed: number): number {
  const attempts = successful + failed;
  return attempts === 0 ? 0 : Math.round((successful / attempts) * 10_000) / 100;
}

type CreatedAt = typeof orders.createdAt | typeof payments.createdAt | typeof refunds.createdAt;

/** Rows created in [from, to): no bound when the period leaves it open. */
function inPeriod(column: CreatedAt, period: { from?: Date; to?: Date }): SQL | undefined {
  return and(period.from ? gte(column, period.from) : undefined, period.to ? lt(column, period.to) : undefined);
}

/**
 * Counts and volumes for a set of merchants (one, or every live one when `merchantFilter` is
 * undefined). Money is grouped by currency and never added across currencies; counts are.
 */
async function tally(ctx: ServiceContext, merchantFilter: SQL | undefined, period: { from?: Date; to?: Date } = {}) {
  const liveMerchant = (column: typeof orders.merchantId | typeof payments.merchantId | typeof refunds.merchantId) =>
    merchantFilter ?? sql`${column} in (select ${merchants.id} from ${merchants} where ${merchants.deletedAt} is null)`;
  const [orderCount] = await ctx.db
    .select({ n: count() })
    .from(orders)
    .where(and(liveMerchant(orders.merchantId), inPeriod(orders.createdAt, period)));
  const paymentRows = await ctx.db
    .select({ status: payments.status, currency: payments.currency, n: count(), volume: sum(payments.amount) })
    .from(payments)
    .where(
      and(
        liveMerchant(payments.merchantId),
        inArray(payments.status, [...SUCCESSFUL, "failed"]),
        inPeriod(payments.createdAt, period),
      ),
    )
    .groupBy(payments.status, payments.currency);
  const refundRows = await ctx.db
    .select({ currency: refunds.currency, n: count(), volume: sum(refunds.amount) })
    .from(refunds)
    .where(and(liveMerchant(refunds.merchantId), eq(refunds.status, "processed"), inPeriod(refunds.createdAt, period)))
    .groupBy(refunds.currency);
  const byCurrency = new Map<Currency, CurrencyStats>();
  const entry = (currency: string) => {
    const key = currency as Currency;
    let row = byCurrency.get(key);
    if (!row) {
      row = { currency: key, successful_payments: 0, total_volume: 0, refunded_volume: 0 };
      byCurrency.set(key, row);
    }
    return row;
  };
  let successful = 0;
  let failed = 0;
  for (const row of paymentRows) {
    if (row.status === "failed") failed += row.n;
    else {
      successful += row.n;
      const money = entry(row.currency);
      money.successful_payments += row.n;
      money.total_volume += Number(row.volume ?? 0);
    }
  }
  let refundCount = 0;
  for (const row of refundRows) {
    refundCount += row.n;
    entry(row.currency).refunded_volume += Number(row.volume ?? 0);
  }
  return {
    orders: orderCount?.n ?? 0,
    successful,
    failed,
    refunds: refundCount,
    byCurrency: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

/** `GET /merchants/stats?currency=&from=&to=` (SPEC §5). */
export async function merchantStats({
  ctx,
  merchantId,
  query = {},
}: {
  ctx: ServiceContext;
  merchantId: string;
  query?: z.input<typeof merchantStatsQuerySchema>;
}) {
  const { currency, from, to } = merchantStatsQuerySchema.parse(query);
  const t = await tally(ctx, sql`merchant_id = ${merchantId}`, {
    from: from ? periodStart(from) : undefined,
    to: to ? periodEnd(to) : undefined,
  });
  const money = t.byCurrency.find((row) => row.currency === currency);
  return {
    total_orders: t.orders,
    successful_payments: t.successful,
    successful_refunds: t.refunds,
    canceled_payments: t.failed,
    total_volume: money?.total_volume ?? 0,
    refunded_volume: money?.refunded_volume ?? 0,
    success_rate: successRate(t.successful, t.failed),
    currency,
    by_currency: t.byCurrency,
  };
}

/** `GET /admin/stats` (all live merchants) or `?merchant_id=` (one). */
export async function adminStats({ ctx, query }: { ctx: ServiceContext; query: z.input<typeof adminStatsQuerySchema> }) {
  const { merchant_id: merchantId, include_deleted } = adminStatsQuerySchema.parse(query);
  if (merchantId) {
    const [merchant] = await ctx.db
      .select()
      .from(merchants)
      .where(and(eq(merchants.id, merchantId), eq(merchants.role, "merchant")));
    if (!merchant || (merchant.deletedAt && include_deleted !== "true")) {
      throw new ServiceError("merchant_not_found", "No merchant with this id", { param: "merchant_id" });
    }
    const t = await tally(ctx, sql`merchant_id = ${merchantId}`);
    return {
      merchant_id: merchant.id,
      email: merchant.email,
      order_count: t.orders,
      successful_payments: t.successful,
      successful_refunds: t.refunds,
      canceled_payments: t.failed,
    };
  }
  const includeDeleted = include_deleted === "true";
  const roleCounts = await ctx.db
    .select({ role: merchants.role, n: count() })
    .from(merchants)
    .where(includeDeleted ? undefined : isNull(merchants.deletedAt))
    .groupBy(merchants.role);
  const t = await tally(ctx, includeDeleted ? sql`true` : undefined);
  return {
    total_merchants: roleCounts.find((row) => row.role === "merchant")?.n ?? 0,
    total_admins: roleCounts.find((row) => row.role === "admin")?.n ?? 0,
    total_orders: t.orders,
    total_successful_payments: t.successful,
    total_successful_refunds: t.refunds,
    total_canceled_payments: t.failed,
    success_rate: successRate(t.successful, t.failed),
  };
}

export async function listMerchants({ ctx, query }: { ctx: ServiceContext; query: z.input<typeof adminMerchantsQuerySchema> }) {
  const { limit, offset, include_deleted } = adminMerchantsQuerySchema.parse(query);
  const filters: SQL[] = [eq(merchants.role, "merchant")];
  if (include_deleted !== "true") filters.push(isNull(merchants.deletedAt));
  const rows = await ctx.db
    .select()
    .from(merchants)
    .where(and(...filters))
    .orderBy(desc(merchants.createdAt), desc(merchants.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializeMerchant), limit, offset);
}

/** `DELETE /admin/merchants/:id`: soft delete; the merchant's keys and tokens stop working. */
export async function deleteMerchant({ ctx, merchantId }: { ctx: ServiceContext; merchantId: string }) {
  const [row] = await ctx.db
    .update(merchants)
    .set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(merchants.id, merchantId), eq(merchants.role, "merchant"), isNull(merchants.deletedAt)))
    .returning();
  if (!row) throw new ServiceError("merchant_not_found", "No merchant with this id", { param: "id" });
  ctx.credentials.invalidate(merchantId);
  return serializeMerchant(row);
}
