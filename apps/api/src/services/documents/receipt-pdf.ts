import { PDFDocument } from "pdf-lib";
import { describeMethod, formatDateTime, formatMoney } from "./format.js";
import { describeDocument } from "./invoice-pdf.js";
import { A4, MARGIN, PdfCanvas } from "./pdf-canvas.js";
import type { ReceiptDocument } from "./types.js";

const RIGHT = A4.width - MARGIN;

/**
 * Renders a payment receipt as an A4 PDF: who was paid, how much, when, how, and the references
 * the shopper may quote (receipt number, payment and order ids).
 * @example const pdf = await renderReceiptPdf({ merchant_name, receipt_number, payment_id, … });
 */
export async function renderReceiptPdf(doc: ReceiptDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  describeDocument(pdf, `Receipt ${doc.receipt_number} · ${doc.merchant_name}`, doc.paid_at);
  const canvas = await PdfCanvas.create(pdf);
  const money = (amount: number) => formatMoney(amount, doc.currency);

  canvas.advance(10);
  canvas.text(MARGIN, doc.merchant_name, { size: 18, bold: true });
  canvas.text(RIGHT, "RECEIPT", { size: 18, bold: true, alignRight: true });
  canvas.advance(40);

  canvas.text(MARGIN, "Amount paid", { muted: true });
  canvas.advance(26);
  canvas.text(MARGIN, money(doc.amount), { size: 24, bold: true });
  canvas.advance(30);

  const facts: [string, string][] = [
    ["Receipt number", doc.receipt_number],
    ["Paid on", formatDateTime(doc.paid_at)],
    ["Payment method", describeMethod(doc)],
    ["Payment ID", doc.payment_id],
    ["Order ID", doc.order_id],
  ];
  if (doc.email) facts.push(["Email", doc.email]);
  if (doc.amount_refunded) facts.push(["Refunded", money(doc.amount_refunded)]);
  for (const [label, value] of facts) {
    canvas.text(MARGIN, label, { muted: true });
    canvas.paragraph(200, value, RIGHT - 200);
    canvas.rule();
    canvas.advance(22);
  }

  if (doc.description) {
    canvas.advance(6);
    canvas.text(MARGIN, "Description", { bold: true });
    canvas.advance(15);
    canvas.paragraph(MARGIN, doc.description, RIGHT - MARGIN);
    canvas.advance(15);
  }

  canvas.advance(20);
  canvas.text(MARGIN, `Paid to ${doc.merchant_name} through PayGate. Amounts in ${doc.currency}.`, {
    size: 8,
    muted: true,
  });
  return pdf.save();
}
