import { bigint, boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";
import { orders } from "./orders.js";

/** Payments. Never a PAN or CVV: last4, network, expiry and a keyed fingerprint only. */
export const payments = pgTable(
  "payments",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    orderId: text("order_id").notNull().references(() => orders.id),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    method: text("method", { enum: ["card", "upi", "netbanking", "wallet"] }).notNull(),
    status: text("status", {
      enum: ["pending", "requires_action", "authorized", "captured", "failed", "voided", "refunded"],
    }).notNull(),
    captureMode: text("capture_mode", { enum: ["automatic", "manual"] }).notNull(),
    amountRefunded: bigint("amount_refunded", { mode: "number" }).notNull().default(0),
    cardLast4: text("card_last4"),
    cardNetwork: text("card_network"),
    cardExpiryMonth: integer("card_expiry_month"),
    cardExpiryYear: integer("card_expiry_year"),
    cardFingerprint: text("card_fingerprint"),
    vpa: text("vpa"),
    bank: text("bank"),
    wallet: text("wallet"),
    email: text("email"),
    contact: text("contact"),
    processorRef: text("processor_ref").notNull(),
    errorCode: text("error_code"),
    errorDescription: text("error_description"),
    captured: boolean("captured").notNull().default(false),
    authorizedAt: timestamp("authorized_at", { withTimezone: true }),
    capturedAt: timestamp("captured_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payments_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("payments_order_idx").on(t.orderId),
  ],
);
export type PaymentRow = typeof payments.$inferSelect;
