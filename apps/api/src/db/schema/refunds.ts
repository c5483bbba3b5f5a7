import { type Currency, refundErrorCodeSchema, refundStatusSchema } from "@paygate/contracts";
import { bigint, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { merchants } from "./merchants.js";
import { payments } from "./payments.js";

export const refunds = pgTable(
  "refunds",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    paymentId: text()
      .notNull()
      .references(() => payments.id),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().$type<Currency>().notNull(),
    reason: text(),
    errorCode: text({ enum: enumValues(refundErrorCodeSchema) }),
    status: text({ enum: enumValues(refundStatusSchema) }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("refunds_merchant_created_idx").on(t.merchantId, t.createdAt), index("refunds_payment_idx").on(t.paymentId)],
);
export type RefundRow = typeof refunds.$inferSelect;
