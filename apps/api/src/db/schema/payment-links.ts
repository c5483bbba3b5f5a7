import { type Currency, paymentLinkStatusSchema } from "@paygate/contracts";
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { customers } from "./customers.js";
import { merchants } from "./merchants.js";
import { orders } from "./orders.js";
import { payments } from "./payments.js";

export interface PaymentLinkCustomer {
  name: string | null;
  email: string | null;
  contact: string | null;
}

/** A payment link (SPEC §14): one order created with it, paid once through the hosted page. */
export const paymentLinks = pgTable(
  "payment_links",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    orderId: text()
      .notNull()
      .references(() => orders.id),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().$type<Currency>().notNull(),
    description: text().notNull(),
    referenceId: text(),
    customer: jsonb().$type<PaymentLinkCustomer>().notNull(),
    /** SPEC §15: the merchant's customer it bills (its order carries it too). */
    customerId: text().references(() => customers.id),
    status: text({ enum: enumValues(paymentLinkStatusSchema) }).notNull(),
    expireBy: timestamp({ withTimezone: true }),
    paidAt: timestamp({ withTimezone: true }),
    /** The captured payment that paid it (the receipt view shows it). */
    paymentId: text().references(() => payments.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // The capture finds the link by its order; one link per order.
    uniqueIndex("payment_links_order_idx").on(t.orderId),
    index("payment_links_merchant_created_idx").on(t.merchantId, t.createdAt),
  ],
);
export type PaymentLinkRow = typeof paymentLinks.$inferSelect;
