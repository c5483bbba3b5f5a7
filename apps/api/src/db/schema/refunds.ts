import { bigint, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";
import { payments } from "./payments.js";

export const refunds = pgTable(
  "refunds",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    paymentId: text("payment_id").notNull().references(() => payments.id),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    reason: text("reason"),
    errorCode: text("error_code"),
    status: text("status", { enum: ["pending", "processed", "failed"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    index("refunds_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("refunds_payment_idx").on(t.paymentId),
  ],
);
export type RefundRow = typeof refunds.$inferSelect;
