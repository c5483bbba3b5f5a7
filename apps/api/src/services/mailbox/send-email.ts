import type { EmailKind } from "@paygate/contracts";
import { type EmailRow, emails } from "../../db/schema/index.js";
import { newId } from "../../lib/ids.js";
import type { TxContext } from "../context.js";
import { enqueueJob } from "../jobs/queue.js";
import { type EmailData, renderEmail } from "./templates.js";

/** SMTP failures are retried with the queue's backoff (0.5 s doubling, at most a minute apart). */
const SMTP_ATTEMPTS = 12;

/**
 * Renders an email of `kind` and records it in the mailbox in the caller's transaction, so it
 * exists exactly when what caused it (a capture, an invoice sent) commits. With SMTP_URL an
 * `email.send` job delivers it after commit: a slow or failing SMTP server never holds or rolls
 * back the money's transaction, and is retried.
 * @example await sendEmail({ ctx: tx, merchantId, to: payment.email, kind: "receipt", data: { … } });
 */
export async function sendEmail<Kind extends EmailKind>({
  ctx,
  merchantId,
  to,
  kind,
  data,
}: {
  ctx: TxContext;
  merchantId: string;
  to: string;
  kind: Kind;
  data: EmailData[Kind];
}): Promise<EmailRow> {
  const rendered = renderEmail(kind, data);
  const smtp = ctx.config.smtpUrl !== undefined;
  const [row] = await ctx.db
    .insert(emails)
    .values({
      id: newId("email"),
      merchantId,
      kind,
      to: to.trim(),
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      status: smtp ? "queued" : "recorded",
      invoiceId: rendered.related.invoice_id ?? null,
      paymentId: rendered.related.payment_id ?? null,
      paymentLinkId: rendered.related.payment_link_id ?? null,
      createdAt: ctx.clock.now(),
    })
    .returning();
  if (!row) throw new Error("email not recorded");
  if (smtp) await enqueueJob(ctx, "email.send", { email_id: row.id }, { maxAttempts: SMTP_ATTEMPTS });
  return row;
}
