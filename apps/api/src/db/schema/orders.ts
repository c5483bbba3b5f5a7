import { type Currency, orderStatusSchema } from "@paygate/contracts";
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { customers } from "./customers.js";
import { merchants } from "./merchants.js";

export const orders = pgTable(
  "orders",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().$type<Currency>().notNull(),
    receipt: text(),
    notes: jsonb().$type<Record<string, string>>().notNull().default({}),
    status: text({ enum: enumValues(orderStatusSchema) }).notNull(),
    /** The applied promo code (uppercase) and its amount; amount due = amount − discountAmount − amountPaid. */
    discountCode: text(),
    /** Given at creation for a code's per-customer limit; not part of the order object. */
    customerEmail: text(),
    discountAmount: bigint({ mode: "number" }).notNull().default(0),
    amountPaid: bigint({ mode: "number" }).notNull().default(0),
    attempts: integer().notNull().default(0),
    customerId: text().references(() => customers.id),
    /** Set on the orders that charge a subscription's periods (no FK: subscriptions reference orders' customers). */
    subscriptionId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index("orders_merchant_created_idx").on(t.merchantId, t.createdAt)],
);
export type OrderRow = typeof orders.$inferSelect;
