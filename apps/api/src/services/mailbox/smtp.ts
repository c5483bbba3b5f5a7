import { and, eq } from "drizzle-orm";
import { createTransport, type Transporter } from "nodemailer";
import { z } from "zod";
import { emails } from "../../db/schema/index.js";
import type { ServiceContext } from "../context.js";
import { defineJob } from "../jobs/define-job.js";

const transports = new Map<string, Transporter>();

/** One pooled transport per SMTP_URL for the process's life. */
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/**
 * Sends one recorded email by SMTP and marks it `sent`. Runs in the `email.send` job after the
 * transaction that recorded it committed; a failure throws, and the queue retries it. An email
 * already sent (a re-delivered job) is not sent again.
 */
export async function deliverEmail(ctx: ServiceContext, emailId: string) {
  const url = ctx.config.smtpUrl;
  if (!url) return;
  const [email] = await ctx.db.select().from(emails).where(eq(emails.id, emailId));
  if (!email || email.status !== "queued") return;
  try {
    await transportFor(url).sendMail({
      from: ctx.config.emailFrom,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: { "X-PayGate-Email-Id": email.id },
    });
  } catch (error) {
    // The reason without the SMTP URL (it may carry a password); the job keeps the rest.
    const reason = error instanceof Error ? error.message.slice(0, 500) : "SMTP error";
    await ctx.db.update(emails).set({ lastError: reason }).where(eq(emails.id, email.id));
    throw new Error(`SMTP delivery of ${email.id} failed: ${reason}`);
  }
  await ctx.db
    .update(emails)
    .set({ status: "sent", sentAt: ctx.clock.now(), lastError: null })
    .where(and(eq(emails.id, email.id), eq(emails.status, "queued")));
}

export const sendEmailJob = defineJob(
  "email.send",
  z.object({ email_id: z.string() }),
  ({ ctx, payload }) => deliverEmail(ctx, payload.email_id),
  {
    // Every retry failed: the email stays in the mailbox, marked failed with the last reason.
    async onExhausted({ tx, payload }) {
      await tx.db
        .update(emails)
        .set({ status: "failed" })
        .where(and(eq(emails.id, payload.email_id), eq(emails.status, "queued")));
    },
  },
);
