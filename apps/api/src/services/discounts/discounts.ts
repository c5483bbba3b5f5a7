import {
  type Discount,
  type DiscountValidation,
  discountCreateSchema,
  discountListQuerySchema,
  discountPatchSchema,
  discountValidateSchema,
} from "@paygate/contracts";
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { type DiscountRow, discounts } from "../../db/schema/index.js";
import { notFound, ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { ServiceContext } from "../context.js";
import { isUniqueViolation } from "../infra/db-errors.js";
import { page } from "../serialize.js";
import { checkDiscount, customerUses, findDiscountByCode } from "./reservations.js";

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const instant = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

export function serializeDiscount(row: DiscountRow): Discount {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    type: row.type,
    value: row.value,
    currency: row.currency,
    max_discount_amount: row.maxDiscountAmount,
    min_order_amount: row.minOrderAmount,
    max_uses: row.maxUses,
    max_uses_per_customer: row.maxUsesPerCustomer,
    valid_from: iso(row.validFrom),
    valid_until: iso(row.validUntil),
    active: row.active,
    times_used: row.timesUsed,
    created_at: row.createdAt.toISOString(),
  };
}

const codeTaken = (code: string) =>
  new ServiceError("discount_code_taken", `The code ${code} already exists (codes are case-insensitive)`, { param: "code" });

/** `POST /discounts`: the code is kept uppercase; the same code in any case → 409 `discount_code_taken`. */
export async function createDiscount({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof discountCreateSchema>;
}) {
  const body = discountCreateSchema.parse(input);
  const now = ctx.clock.now();
  try {
    const [row] = await ctx.db
      .insert(discounts)
      .values({
        id: newId("discount"),
        merchantId,
        code: body.code,
        description: body.description ?? null,
        type: body.type,
        value: body.value,
        currency: body.currency ?? null,
        maxDiscountAmount: body.max_discount_amount ?? null,
        minOrderAmount: body.min_order_amount ?? null,
        maxUses: body.max_uses ?? null,
        maxUsesPerCustomer: body.max_uses_per_customer ?? null,
        validFrom: instant(body.valid_from) ?? null,
        validUntil: instant(body.valid_until) ?? null,
        active: body.active ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return serializeDiscount(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(body.code);
    throw error;
  }
}

async function loadDiscount(ctx: ServiceContext, merchantId: string, discountId: string) {
  const [row] = await ctx.db
    .select()
    .from(discounts)
    .where(and(eq(discounts.id, discountId), eq(discounts.merchantId, merchantId)));
  if (!row) throw notFound("Discount");
  return row;
}

export async function getDiscount({
  ctx,
  merchantId,
  discountId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  discountId: string;
}) {
  return serializeDiscount(await loadDiscount(ctx, merchantId, discountId));
}

export async function listDiscounts({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof discountListQuerySchema>;
}) {
  const { limit, offset } = discountListQuerySchema.parse(query);
  const rows = await ctx.db
    .select()
    .from(discounts)
    .where(eq(discounts.merchantId, merchantId))
    .orderBy(desc(discounts.createdAt), desc(discounts.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializeDiscount), limit, offset);
}

/**
 * `PATCH /discounts/:id`: limits, window, description and `active`. The code and the amount rule
 * never change, so a reservation's amount stays what the shopper was shown.
 */
export async function updateDiscount({
  ctx,
  merchantId,
  discountId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  discountId: string;
  input: z.input<typeof discountPatchSchema>;
}) {
  const patch = discountPatchSchema.parse(input);
  const current = await loadDiscount(ctx, merchantId, discountId);
  const validFrom = instant(patch.valid_from);
  const validUntil = instant(patch.valid_until);
  const from = validFrom === undefined ? current.validFrom : validFrom;
  const until = validUntil === undefined ? current.validUntil : validUntil;
  if (from && until && from >= until) {
    throw new ServiceError("validation_error", "valid_until must be after valid_from", { param: "valid_until" });
  }
  const [row] = await ctx.db
    .update(discounts)
    .set({
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.max_uses !== undefined ? { maxUses: patch.max_uses } : {}),
      ...(patch.max_uses_per_customer !== undefined ? { maxUsesPerCustomer: patch.max_uses_per_customer } : {}),
      ...(validFrom !== undefined ? { validFrom } : {}),
      ...(validUntil !== undefined ? { validUntil } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(discounts.id, discountId), eq(discounts.merchantId, merchantId)))
    .returning();
  if (!row) throw notFound("Discount");
  return serializeDiscount(row);
}

/** `POST /discounts/validate`: a dry run — nothing is reserved. */
export async function validateDiscount({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof discountValidateSchema>;
}): Promise<DiscountValidation> {
  const body = discountValidateSchema.parse(input);
  const row = await findDiscountByCode(ctx, merchantId, body.code);
  const outcome = checkDiscount(row, body.amount, body.currency, ctx.clock.now());
  if (!outcome.ok) return { valid: false, discount_amount: 0, reason: outcome.reason };
  if (row?.maxUsesPerCustomer != null && body.customer_email) {
    const used = await customerUses(ctx, row.id, { email: body.customer_email });
    if (used >= row.maxUsesPerCustomer) return { valid: false, discount_amount: 0, reason: "per_customer_limit" };
  }
  return { valid: true, discount_amount: outcome.amount };
}
