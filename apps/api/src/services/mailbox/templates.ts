import type { Currency, EmailKind } from "@paygate/contracts";
import { formatDate, formatDateTime, formatMoney } from "../documents/format.js";
import { html, oneLine, type SafeHtml } from "./html.js";

/** What each kind of email needs; every string is the caller's data and is escaped in HTML. */
export interface EmailData {
  invoice_sent: {
    merchant_name: string;
    invoice_id: string;
    invoice_number: string;
    customer_name: string;
    currency: Currency;
    total: number;
    amount_due: number;
    /** `YYYY-MM-DD` or null. */
    due_date: string | null;
    /** The hosted invoice page. */
    url: string;
  };
  receipt: {
    merchant_name: string;
    payment_id: string;
    order_id: string;
    receipt_number: string;
    amount: number;
    currency: Currency;
    /** ISO 8601. */
    paid_at: string;
    /** `Visa ending 4242`, `UPI (x@bank)`. */
    method: string;
    /** The public receipt PDF. */
    receipt_url: string;
    description?: string | null;
  };
  payment_link: {
    merchant_name: string;
    payment_link_id: string;
    customer_name?: string | null;
    description: string;
    amount: number;
    currency: Currency;
    url: string;
    /** ISO 8601 or null. */
    expire_by?: string | null;
  };
}

/** The ids an email is filed under, so it can be listed by them. */
export interface EmailRelations {
  invoice_id?: string;
  payment_id?: string;
  payment_link_id?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  related: EmailRelations;
}

type Templates = { [Kind in EmailKind]: (data: EmailData[Kind]) => RenderedEmail };

/** One template per kind: a subject, a plain-text body and an HTML body with every value escaped. */
export const templates: Templates = {
  invoice_sent: (data) => {
    const due = formatMoney(data.amount_due, data.currency);
    const dueBy = data.due_date ? ` by ${formatDate(data.due_date)}` : "";
    return {
      subject: oneLine(`Invoice ${data.invoice_number} from ${data.merchant_name}`),
      text: [
        `Hello ${data.customer_name},`,
        "",
        `${data.merchant_name} has sent you invoice ${data.invoice_number} for ${formatMoney(data.total, data.currency)}.`,
        `Amount due: ${due}${dueBy}.`,
        "",
        `View and pay it online: ${data.url}`,
      ].join("\n"),
      html: layout(
        data.merchant_name,
        html`<p>Hello ${data.customer_name},</p>
<p>${data.merchant_name} has sent you invoice <strong>${data.invoice_number}</strong> for ${formatMoney(data.total, data.currency)}.</p>
<p>Amount due: <strong>${due}</strong>${dueBy}.</p>
${button(data.url, "View and pay invoice")}`,
      ),
      related: { invoice_id: data.invoice_id },
    };
  },

  receipt: (data) => {
    const amount = formatMoney(data.amount, data.currency);
    const facts: [string, string][] = [
      ["Receipt number", data.receipt_number],
      ["Amount paid", amount],
      ["Paid on", formatDateTime(data.paid_at)],
      ["Payment method", data.method],
      ["Payment ID", data.payment_id],
    ];
    if (data.description) facts.push(["Description", data.description]);
    return {
      subject: oneLine(`Your receipt from ${data.merchant_name} (${data.receipt_number})`),
      text: [
        `Thank you for your payment of ${amount} to ${data.merchant_name}.`,
        "",
        ...facts.map(([label, value]) => `${label}: ${value}`),
        "",
        `Download your receipt (PDF): ${data.receipt_url}`,
      ].join("\n"),
      html: layout(
        data.merchant_name,
        html`<p>Thank you for your payment of <strong>${amount}</strong> to ${data.merchant_name}.</p>
<table role="presentation" cellpadding="6" style="border-collapse:collapse">${facts.map(
          ([label, value]) => html`<tr><td style="color:#6b7280">${label}</td><td>${value}</td></tr>`,
        )}</table>
${button(data.receipt_url, "Download receipt (PDF)")}`,
      ),
      related: { payment_id: data.payment_id },
    };
  },

  payment_link: (data) => {
    const amount = formatMoney(data.amount, data.currency);
    const greeting = data.customer_name ? `Hello ${data.customer_name},` : "Hello,";
    const until = data.expire_by ? ` The link expires on ${formatDateTime(data.expire_by)}.` : "";
    return {
      subject: oneLine(`${data.merchant_name} requests ${amount}`),
      text: [
        greeting,
        "",
        `${data.merchant_name} requests ${amount} for: ${data.description}.${until}`,
        "",
        `Pay here: ${data.url}`,
      ].join("\n"),
      html: layout(
        data.merchant_name,
        html`<p>${greeting}</p>
<p>${data.merchant_name} requests <strong>${amount}</strong> for: ${data.description}.${until}</p>
${button(data.url, `Pay ${amount}`)}`,
      ),
      related: { payment_link_id: data.payment_link_id },
    };
  },
};

function button(url: string, label: string): SafeHtml {
  return html`<p><a href="${url}" style="display:inline-block;padding:10px 16px;background:#1f2937;color:#ffffff;border-radius:6px;text-decoration:none">${label}</a></p>
<p style="color:#6b7280;font-size:12px">Or open this address: ${url}</p>`;
}

function layout(merchantName: string, body: SafeHtml): string {
  return html`<!doctype html>
<html><head><meta charset="utf-8"><title>${merchantName}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#111827;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${merchantName}</h1>
${body}
<p style="color:#6b7280;font-size:12px">Sent by PayGate on behalf of ${merchantName}.</p>
</body></html>`.value;
}

/** Renders `kind` with `data` (the one place the template table is indexed by a runtime kind). */
export function renderEmail<Kind extends EmailKind>(kind: Kind, data: EmailData[Kind]): RenderedEmail {
  const template = templates[kind] as (data: EmailData[Kind]) => RenderedEmail;
  return template(data);
}
