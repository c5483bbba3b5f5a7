// Renders a sample invoice with the API's own PDF renderer and writes its first page to
// docs/invoice-pdf.png for the README, with Debian's pdftoppm (poppler-utils).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderInvoicePdf } from "../src/services/documents/invoice-pdf.js";
import { invoiceAmounts } from "../src/services/invoices/amounts.js";

const lines = [
  { name: "Logo design", quantity: 1, unit_amount: 1_200_000 },
  { name: "Business cards (box of 100)", quantity: 3, unit_amount: 45_000 },
  { name: "Letterhead template", quantity: 1, unit_amount: 250_000 },
];
// The invoice's own arithmetic: a fixed ₹1,600 code off the subtotal, then 18 % tax on the rest.
const amounts = invoiceAmounts(lines, 160_000, 1800);

const pdf = await renderInvoicePdf({
  merchant_name: "Studio Rao",
  number: "INV-000042",
  status: "sent",
  created_at: "2026-06-01T09:30:00Z",
  sent_at: "2026-06-01T09:30:00Z",
  due_date: "2026-06-30",
  customer: { name: "Asha Rao", email: "asha@example.com" },
  currency: "INR",
  line_items: amounts.lineItems,
  subtotal: amounts.subtotal,
  discount_code: "WELCOME10",
  discount_amount: amounts.discountAmount,
  tax_bps: 1800,
  tax_amount: amounts.taxAmount,
  total: amounts.total,
  amount_paid: 0,
  amount_due: amounts.total,
  notes: "Thank you for your business.",
  terms: "Payable within 30 days.",
});

const dir = mkdtempSync(join(tmpdir(), "invoice-pdf-"));
try {
  const file = join(dir, "invoice.pdf");
  writeFileSync(file, pdf);
  const out = fileURLToPath(new URL("../../../docs/invoice-pdf", import.meta.url));
  // -singlefile writes `${out}.png` (no page suffix); 110 dpi keeps the image readable and small.
  execFileSync("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", file, out]);
  console.log(`wrote ${out}.png`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
