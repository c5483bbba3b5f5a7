import { type Currency, subscriptionIntervalSchema, subscriptionStatusSchema } from "@paygate/contracts";
import { bigint, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { customers } from "./customers.js";
import { merchants } from "./merchants.js";
import { paymentMethods } from "./payment-methods.js";

/**
 * A customer's saved card charged every period (SPEC §15). Period k runs from
 * periodBoundary(start_at, k) to periodBoundary(start_at, k + 1): anchored on the start, so a
 * subscription started on Jan 31 renews on Feb 28/29 and again on Mar 31.
 */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    customerId: text()
      .notNull()
      .references(() => customers.id),
    paymentMethodId: text()
      .notNull()
      .references(() => paymentMethods.id),
    status: text({ enum: enumValues(subscriptionStatusSchema) }).notNull(),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().$type<Currency>().notNull(),
    interval: text({ enum: enumValues(subscriptionIntervalSchema) }).notNull(),
    intervalCount: integer().notNull(),
    description: text(),
    startAt: timestamp({ withTimezone: true }).notNull(),
    /** The period being charged or paid: 0 is the first, charged at creation (or at start_at). */
    periodIndex: integer().notNull().default(-1),
    currentPeriodStart: timestamp({ withTimezone: true }).notNull(),
    currentPeriodEnd: timestamp({ withTimezone: true }).notNull(),
    /** The order that pays the current period (a renewal's is its invoice's order). */
    currentOrderId: text(),
    /** The merchant-initiated payment in flight for it: only its failure counts as a failed attempt. */
    currentPaymentId: text(),
    failedAttempts: integer().notNull().default(0),
    nextRetryAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("subscriptions_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("subscriptions_customer_idx").on(t.customerId),
  ],
);
export type SubscriptionRow = typeof subscriptions.$inferSelect;
