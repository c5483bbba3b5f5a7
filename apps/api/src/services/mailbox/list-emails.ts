import type { EmailListQuery, EmailMessage, TestEmail, TestEmailQuery } from "@paygate/contracts";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { type EmailRow, emails } from "../../db/schema/index.js";
import type { ServiceContext } from "../context.js";
import { page } from "../serialize.js";

export function serializeEmail(row: EmailRow): EmailMessage {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    status: row.status,
    invoice_id: row.invoiceId,
    payment_id: row.paymentId,
    payment_link_id: row.paymentLinkId,
    created_at: row.createdAt.toISOString(),
    sent_at: row.sentAt ? row.sentAt.toISOString() : null,
  };
}

async function emailPage(ctx: ServiceContext, filters: SQL[], limit: number, offset: number) {
  const rows = await ctx.db
    .select()
    .from(emails)
    .where(and(...filters))
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows, limit, offset);
}

/** `GET /emails`: the merchant's emails, newest first, by invoice, payment or payment link. */
export async function listEmails({ ctx, merchantId, query }: { ctx: ServiceContext; merchantId: string; query: EmailListQuery }) {
  const filters: SQL[] = [eq(emails.merchantId, merchantId)];
  if (query.invoice_id) filters.push(eq(emails.invoiceId, query.invoice_id));
  if (query.payment_id) filters.push(eq(emails.paymentId, query.payment_id));
  if (query.payment_link_id) filters.push(eq(emails.paymentLinkId, query.payment_link_id));
  const result = await emailPage(ctx, filters, query.limit, query.offset);
  return { ...result, items: result.items.map(serializeEmail) };
}

/** `GET /test/emails` (TEST_MODE): the merchant's emails to `to`, matched case-insensitively. */
export async function listTestEmails({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: TestEmailQuery;
}) {
  const filters: SQL[] = [eq(emails.merchantId, merchantId)];
  if (query.to) filters.push(sql`lower(${emails.to}) = lower(${query.to.trim()})`);
  const result = await emailPage(ctx, filters, query.limit, query.offset);
  return {
    ...result,
    items: result.items.map(
      (row): TestEmail => ({
        id: row.id,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
        created_at: row.createdAt.toISOString(),
      }),
    ),
  };
}
