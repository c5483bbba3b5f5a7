import { type Currency, discountTypeSchema } from "@paygate/contracts";
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { merchants } from "./merchants.js";
import { orders } from "./orders.js";

/** A merchant's promo code (SPEC §14). `code` is stored uppercase; the index makes it unique case-insensitively. */
export const discounts = pgTable(
  "discounts",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    code: text().notNull(),
    description: text(),
    type: text({ enum: enumValues(discountTypeSchema) }).notNull(),
    /** Basis points for a percentage, minor units of `currency` for a fixed amount. */
    value: bigint({ mode: "number" }).notNull(),
    currency: text().$type<Currency>(),
    maxDiscountAmount: bigint({ mode: "number" }),
    minOrderAmount: bigint({ mode: "number" }),
    maxUses: integer(),
    maxUsesPerCustomer: integer(),
    validFrom: timestamp({ withTimezone: true }),
    validUntil: timestamp({ withTimezone: true }),
    active: boolean().notNull().default(true),
    /** Live reservations + redemptions; moved only by guarded UPDATEs (services/discounts/reservations.ts). */
    timesUsed: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("discounts_merchant_code_idx").on(t.merchantId, sql`upper(${t.code})`),
    index("discounts_merchant_created_idx").on(t.merchantId, t.createdAt),
  ],
);
export type DiscountRow = typeof discounts.$inferSelect;

/**
 * One use of a code by one order: `reserved` when applied, `redeemed` when the order is paid,
 * `released` when removed or the order is cancelled. At most one live use per order.
 */
export const discountRedemptions = pgTable(
  "discount_redemptions",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    discountId: text()
      .notNull()
      .references(() => discounts.id),
    orderId: text()
      .notNull()
      .references(() => orders.id),
    status: text({ enum: ["reserved", "redeemed", "released"] }).notNull(),
    amount: bigint({ mode: "number" }).notNull(),
    /** Lowercased; the per-customer limit counts live uses by this email. */
    customerEmail: text(),
    /** The order's customer (SPEC §15), when it has one: counted like the email. */
    customerId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("discount_redemptions_live_order_idx").on(t.orderId).where(sql`${t.status} <> 'released'`),
    index("discount_redemptions_discount_email_idx").on(t.discountId, t.customerEmail),
    index("discount_redemptions_discount_customer_idx").on(t.discountId, t.customerId),
  ],
);
export type DiscountRedemptionRow = typeof discountRedemptions.$inferSelect;
