import { z } from "zod";
import { emailSchema as emailAddressSchema, listQuerySchema, textSchema, timestampSchema } from "./common.js";

/** What PayGate emails (SPEC §14 Mailbox): one template per kind. */
export const emailKindSchema = z.enum(["invoice_sent", "receipt", "payment_link"]);
export type EmailKind = z.infer<typeof emailKindSchema>;

/** `recorded`: kept in the mailbox only (no SMTP_URL); `queued` → `sent` | `failed` by SMTP. */
export const emailStatusSchema = z.enum(["recorded", "queued", "sent", "failed"]);
export type EmailStatus = z.infer<typeof emailStatusSchema>;

/** An email as the merchant's API lists it (`GET /emails`). */
export const emailMessageSchema = z.object({
  id: z.string(),
  kind: emailKindSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  status: emailStatusSchema,
  invoice_id: z.string().nullable(),
  payment_id: z.string().nullable(),
  payment_link_id: z.string().nullable(),
  created_at: timestampSchema,
  sent_at: timestampSchema.nullable(),
});
export type EmailMessage = z.infer<typeof emailMessageSchema>;

// Related ids are matched as given; their own prefixes belong to the invoices and links contracts.
const relatedIdSchema = textSchema().regex(/^[a-z]+_[A-Za-z0-9_-]{8,40}$/, { error: "must be an id like inv_XXXXXXXXXXXX" });

export const emailListQuerySchema = listQuerySchema.extend({
  invoice_id: relatedIdSchema.optional(),
  payment_id: relatedIdSchema.optional(),
  payment_link_id: relatedIdSchema.optional(),
});
export type EmailListQuery = z.infer<typeof emailListQuerySchema>;

/** `GET /test/emails` (TEST_MODE): the SPEC's shape, newest first. */
export const testEmailSchema = emailMessageSchema.pick({
  id: true,
  to: true,
  subject: true,
  text: true,
  html: true,
  created_at: true,
});
export type TestEmail = z.infer<typeof testEmailSchema>;

/** `to` is matched exactly but case-insensitively; without it, every email of the merchant. */
export const testEmailQuerySchema = listQuerySchema.extend({ to: emailAddressSchema.optional() });
export type TestEmailQuery = z.infer<typeof testEmailQuerySchema>;
