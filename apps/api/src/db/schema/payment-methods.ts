import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { customers } from "./customers.js";
import { merchants } from "./merchants.js";

/**
 * A customer's saved card (`pm_…`): what the shopper may see (last4, network, expiry) and the
 * processor's vault reference that charges it. Never the PAN or CVV.
 */
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    customerId: text()
      .notNull()
      .references(() => customers.id),
    type: text({ enum: ["card"] }).notNull(),
    cardLast4: text().notNull(),
    cardNetwork: text().notNull(),
    cardExpiryMonth: integer().notNull(),
    cardExpiryYear: integer().notNull(),
    processorRef: text().notNull(),
    /** The shopper-present payment that saved it: one card per payment, however often it is processed. */
    sourcePaymentId: text(),
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payment_methods_customer_idx").on(t.customerId, t.createdAt),
    uniqueIndex("payment_methods_source_payment_idx").on(t.sourcePaymentId),
  ],
);
export type PaymentMethodRow = typeof paymentMethods.$inferSelect;
