import { type MerchantFeesPatch, merchantFeesPatchSchema } from "@paygate/contracts";
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { type MerchantRow, merchants } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import type { ServiceContext } from "../context.js";

/** A fee schedule: basis points of the amount (200 = 2.00 %) plus a fixed part in minor units. */
export interface FeeSchedule {
  bps: number;
  fixed: number;
}

const BPS_PER_UNIT = 10_000n;

/**
 * `numerator / denominator` rounded half up to an integer, for non-negative operands, in bigint
 * so `amount × bps` cannot lose precision above 2^53. The one place money is rounded.
 * @example roundHalfUp(5n, 2n) // 3n
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n)
    throw new RangeError("roundHalfUp takes a non-negative numerator and a positive denominator");
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * The platform fee on a captured amount in minor units: `amount × bps / 10000` rounded half up,
 * plus the fixed part. Minor units already carry the currency's exponent (JPY 0, KWD 3), so one
 * rule serves every currency. The fee is not capped: a fixed fee above the amount makes the
 * net negative, as the merchant's balance may be.
 */
export function feeFor(amount: number, schedule: FeeSchedule): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError("amount must be a non-negative integer of minor units");
  const percentage = roundHalfUp(BigInt(amount) * BigInt(schedule.bps), BPS_PER_UNIT);
  return Number(percentage) + schedule.fixed;
}

/** A merchant's fee schedule: the admin's override where set, the platform default elsewhere. */
export function feeScheduleOf(ctx: ServiceContext, merchant: Pick<MerchantRow, "feeBps" | "feeFixed">): FeeSchedule {
  return { bps: merchant.feeBps ?? ctx.config.feeBps, fixed: merchant.feeFixed ?? ctx.config.feeFixed };
}

export function serializeMerchantFees(ctx: ServiceContext, merchant: MerchantRow) {
  const schedule = feeScheduleOf(ctx, merchant);
  return {
    merchant_id: merchant.id,
    fee_bps: schedule.bps,
    fee_fixed: schedule.fixed,
    overridden: merchant.feeBps !== null || merchant.feeFixed !== null,
  };
}

/**
 * `PATCH /admin/merchants/:id { fee_bps?, fee_fixed? }`: overrides a merchant's fees for
 * captures from now on (null returns a part to the platform default). Past entries keep theirs.
 */
export async function setMerchantFees({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof merchantFeesPatchSchema>;
}) {
  const patch: MerchantFeesPatch = merchantFeesPatchSchema.parse(input);
  const [row] = await ctx.db
    .update(merchants)
    .set({
      ...(patch.fee_bps !== undefined ? { feeBps: patch.fee_bps } : {}),
      ...(patch.fee_fixed !== undefined ? { feeFixed: patch.fee_fixed } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(merchants.id, merchantId), eq(merchants.role, "merchant"), isNull(merchants.deletedAt)))
    .returning();
  if (!row) throw new ServiceError("merchant_not_found", "No merchant with this id", { param: "id" });
  return serializeMerchantFees(ctx, row);
}
