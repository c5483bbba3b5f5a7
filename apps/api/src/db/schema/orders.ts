import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";

export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    merchantId: text("merchant_id").notNull().references(() => merchants.id),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    receipt: text("receipt"),
    notes: jsonb("notes").$type<Record<string, string>>().notNull().default({}),
    status: text("status", { enum: ["created", "attempted", "paid", "cancelled"] }).notNull(),
    amountPaid: bigint("amount_paid", { mode: "number" }).notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("orders_merchant_created_idx").on(t.merchantId, t.createdAt)],
);
export type OrderRow = typeof orders.$inferSelect;
