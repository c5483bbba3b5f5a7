export { renderInvoicePdf } from "./invoice-pdf.js";
export { renderReceiptPdf } from "./receipt-pdf.js";
export type { InvoiceDocument, InvoiceDocumentLine, ReceiptDocument } from "./types.js";
