import { emailKindSchema, emailStatusSchema } from "@paygate/contracts";
import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { enumValues } from "../enum-values.js";
import { merchants } from "./merchants.js";

/**
 * The mailbox: every email PayGate sends, rendered and recorded in the transaction that caused it
 * (SPEC §14). With SMTP_URL an `email.send` job delivers it after commit. Related ids carry no
 * foreign keys: an email outlives nothing it names, and it is only ever listed by them.
 */
export const emails = pgTable(
  "emails",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    kind: text({ enum: enumValues(emailKindSchema) }).notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    status: text({ enum: enumValues(emailStatusSchema) }).notNull(),
    invoiceId: text(),
    paymentId: text(),
    paymentLinkId: text(),
    /** The last SMTP failure (the job retries), cleared when sent. */
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("emails_merchant_to_created_idx").on(t.merchantId, sql`lower(${t.to})`, t.createdAt),
    index("emails_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("emails_invoice_idx").on(t.invoiceId),
    index("emails_payment_idx").on(t.paymentId),
  ],
);
export type EmailRow = typeof emails.$inferSelect;
