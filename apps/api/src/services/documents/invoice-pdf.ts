import { PDFDocument } from "pdf-lib";
import { formatDate, formatMoney, formatPercent } from "./format.js";
import { A4, MARGIN, PdfCanvas } from "./pdf-canvas.js";
import type { InvoiceDocument } from "./types.js";

const RIGHT = A4.width - MARGIN;
/** Right edges of the quantity, unit price and amount columns; the item name fills what is left. */
const columns = { quantity: 330, unit: 440, amount: RIGHT } as const;
const NAME_WIDTH = columns.quantity - MARGIN - 50;

/**
 * Renders an invoice as an A4 PDF: merchant, number, dates, the customer, line items, the totals
 * (every amount already computed by the invoice's arithmetic: nothing is summed here) and the
 * notes and terms.
 * @example const pdf = await renderInvoicePdf({ merchant_name: merchant.name, ...serializeInvoice(row) });
 */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const title = doc.number ? `Invoice ${doc.number}` : "Draft invoice";
  describeDocument(pdf, `${title} · ${doc.merchant_name}`, doc.sent_at ?? doc.created_at);
  const canvas = await PdfCanvas.create(pdf);
  const money = (amount: number) => formatMoney(amount, doc.currency);

  canvas.advance(10);
  canvas.text(MARGIN, doc.merchant_name, { size: 18, bold: true });
  canvas.text(RIGHT, doc.number ? "INVOICE" : "DRAFT INVOICE", { size: 18, bold: true, alignRight: true });
  canvas.advance(30);

  const facts: [string, string][] = [
    ["Invoice number", doc.number ?? "Draft"],
    ["Issued", formatDate(doc.sent_at ?? doc.created_at)],
  ];
  if (doc.due_date) facts.push(["Due", formatDate(doc.due_date)]);
  if (doc.status) facts.push(["Status", doc.status]);
  const factsTop = canvas.y;
  for (const [label, value] of facts) {
    canvas.text(360, label, { muted: true });
    canvas.text(RIGHT, value, { alignRight: true });
    canvas.advance(15);
  }
  const factsBottom = canvas.y;

  canvas.y = factsTop;
  canvas.text(MARGIN, "Bill to", { muted: true });
  canvas.advance(15);
  canvas.paragraph(MARGIN, doc.customer.name, 280, { bold: true });
  if (doc.customer.email) {
    canvas.advance(15);
    canvas.text(MARGIN, doc.customer.email);
  }
  canvas.y = Math.max(canvas.y + 15, factsBottom) + 20;

  canvas.text(MARGIN, "Item", { bold: true });
  canvas.text(columns.quantity, "Qty", { bold: true, alignRight: true });
  canvas.text(columns.unit, "Unit price", { bold: true, alignRight: true });
  canvas.text(columns.amount, "Amount", { bold: true, alignRight: true });
  canvas.rule();
  canvas.advance(20);
  for (const line of doc.line_items) {
    canvas.text(columns.quantity, String(line.quantity), { alignRight: true });
    canvas.text(columns.unit, money(line.unit_amount), { alignRight: true });
    canvas.text(columns.amount, money(line.amount), { alignRight: true });
    canvas.paragraph(MARGIN, line.name, NAME_WIDTH);
    canvas.rule();
    canvas.advance(20);
  }

  const totals: [string, string, boolean][] = [["Subtotal", money(doc.subtotal), false]];
  if (doc.discount_amount > 0) {
    const label = doc.discount_code ? `Discount (${doc.discount_code})` : "Discount";
    totals.push([label, `-${money(doc.discount_amount)}`, false]);
  }
  if (doc.tax_amount > 0 || (doc.tax_bps ?? 0) > 0) {
    totals.push([doc.tax_bps ? `Tax (${formatPercent(doc.tax_bps)})` : "Tax", money(doc.tax_amount), false]);
  }
  totals.push(["Total", money(doc.total), true]);
  if (doc.amount_paid > 0) totals.push(["Amount paid", money(doc.amount_paid), false]);
  totals.push(["Amount due", money(doc.amount_due), true]);
  canvas.advance(4);
  for (const [label, value, bold] of totals) {
    canvas.text(columns.unit - 110, label, { bold });
    canvas.text(RIGHT, value, { bold, alignRight: true });
    canvas.advance(17);
  }

  for (const [heading, body] of [
    ["Notes", doc.notes],
    ["Terms", doc.terms],
  ] as const) {
    if (!body) continue;
    canvas.advance(14);
    canvas.text(MARGIN, heading, { bold: true });
    canvas.advance(15);
    canvas.paragraph(MARGIN, body, RIGHT - MARGIN);
    canvas.advance(15);
  }

  canvas.advance(20);
  canvas.text(MARGIN, `Amounts in ${doc.currency}. Issued through PayGate.`, { size: 8, muted: true });
  return pdf.save();
}

/** Title and dates from the document, not the wall clock: the same invoice renders the same file. */
export function describeDocument(pdf: PDFDocument, title: string, at: string) {
  const date = new Date(at);
  pdf.setTitle(title);
  pdf.setProducer("PayGate");
  pdf.setCreator("PayGate");
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
}
