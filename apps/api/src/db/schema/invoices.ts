import { type Currency, type InvoiceLineItem, invoiceStatusSchema } from "@paygate/contracts";
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { merchants } from "./merchants.js";
import { orders } from "./orders.js";

/**
 * SPEC §14 invoices. Line items live in the row (jsonb, at most 50, always read and written
 * whole); the amounts beside them are computed by one function (services/invoices/amounts.ts)
 * whenever the lines change, so they are never out of step.
 */
export const invoices = pgTable(
  "invoices",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    /** `INV-000001`, assigned at send from the merchant's "invoice" sequence (number_sequences). */
    number: text(),
    status: text({ enum: enumValues(invoiceStatusSchema) }).notNull(),
    customerName: text().notNull(),
    customerEmail: text().notNull(),
    currency: text().$type<Currency>().notNull(),
    lineItems: jsonb().$type<InvoiceLineItem[]>().notNull(),
    subtotal: bigint({ mode: "number" }).notNull(),
    discountCode: text(),
    discountAmount: bigint({ mode: "number" }).notNull().default(0),
    taxBps: integer().notNull().default(0),
    taxAmount: bigint({ mode: "number" }).notNull().default(0),
    total: bigint({ mode: "number" }).notNull(),
    amountPaid: bigint({ mode: "number" }).notNull().default(0),
    /** `YYYY-MM-DD`, due at its end (UTC). */
    dueDate: text(),
    notes: text(),
    terms: text(),
    url: text(),
    orderId: text().references(() => orders.id),
    /** SPEC §15: the customer it bills and the subscription whose renewal it is, if any. */
    customerId: text(),
    subscriptionId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    viewedAt: timestamp({ withTimezone: true }),
    paidAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("invoices_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("invoices_subscription_idx").on(t.subscriptionId),
    // A number is never given twice, whatever happens to the counter.
    uniqueIndex("invoices_merchant_number_idx")
      .on(t.merchantId, t.number)
      .where(sql`${t.number} is not null`),
    // The capture hook finds an order's invoice by this.
    uniqueIndex("invoices_order_idx")
      .on(t.orderId)
      .where(sql`${t.orderId} is not null`),
  ],
);
export type InvoiceRow = typeof invoices.$inferSelect;
