import { type Currency, captureModeSchema, paymentMethodSchema, paymentStatusSchema } from "@paygate/contracts";
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { merchants } from "./merchants.js";
import { orders } from "./orders.js";

/** Payments. Never a PAN or CVV: last4, network, expiry and a keyed fingerprint only. */
export const payments = pgTable(
  "payments",
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
    method: text({ enum: enumValues(paymentMethodSchema) }).notNull(),
    status: text({ enum: enumValues(paymentStatusSchema) }).notNull(),
    captureMode: text({ enum: enumValues(captureModeSchema) }).notNull(),
    amountRefunded: bigint({ mode: "number" }).notNull().default(0),
    cardLast4: text(),
    cardNetwork: text(),
    cardExpiryMonth: integer(),
    cardExpiryYear: integer(),
    cardFingerprint: text(),
    vpa: text(),
    bank: text(),
    wallet: text(),
    email: text(),
    contact: text(),
    processorRef: text().notNull(),
    /** The shopper asked to save the card (SPEC §15): a payment method is stored when it succeeds. */
    saveCard: boolean().notNull().default(false),
    /** The saved card that pays, and whether the merchant charged it without the shopper. */
    paymentMethodId: text(),
    merchantInitiated: boolean().notNull().default(false),
    errorCode: text(),
    errorDescription: text(),
    captured: boolean().notNull().default(false),
    /** `RCPT-000001`: assigned in the capture's transaction, per merchant, gapless. */
    receiptNumber: text(),
    authorizedAt: timestamp({ withTimezone: true }),
    capturedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index("payments_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("payments_order_idx").on(t.orderId),
    uniqueIndex("payments_merchant_receipt_number_idx").on(t.merchantId, t.receiptNumber),
  ],
);
export type PaymentRow = typeof payments.$inferSelect;
