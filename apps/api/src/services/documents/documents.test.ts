import { describe, expect, it } from "vitest";
import { renderInvoicePdf, renderReceiptPdf } from "./index.js";
import { pdfText } from "./pdf-text.js";
import type { InvoiceDocument, ReceiptDocument } from "./types.js";

const invoice: InvoiceDocument = {
  merchant_name: "Chai Point Traders",
  number: "INV-000042",
  status: "sent",
  created_at: "2026-12-01T09:00:00.000Z",
  sent_at: "2026-12-02T10:30:00.000Z",
  due_date: "2026-12-31",
  customer: { name: "Asha Rao", email: "asha@example.com" },
  currency: "INR",
  line_items: [
    { name: "Masala chai (1 kg)", quantity: 3, unit_amount: 45_000, amount: 135_000 },
    { name: "Ceramic cup", quantity: 12, unit_amount: 12_550, amount: 150_600 },
  ],
  subtotal: 285_600,
  discount_amount: 28_560,
  discount_code: "WINTER10",
  tax_bps: 1800,
  tax_amount: 46_267,
  total: 303_307,
  amount_paid: 0,
  amount_due: 303_307,
  notes: "Thank you for your order.",
  terms: "Payable within 30 days.",
};

const receipt: ReceiptDocument = {
  merchant_name: "Chai Point Traders",
  receipt_number: "RCPT-000007",
  payment_id: "pay_V1StGXR8Z5jdHi6B",
  order_id: "order_3x4mpl3Ord3r1d",
  amount: 123_456,
  currency: "INR",
  method: "card",
  card: { network: "visa", last4: "4242" },
  email: "asha@example.com",
  paid_at: "2026-12-02T14:05:09.000Z",
  description: "Order #1001",
};

describe("renderInvoicePdf", () => {
  it("writes the merchant, number, dates, customer, lines and totals, with the rupee sign", async () => {
    const pdf = await renderInvoicePdf(invoice);
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(pdf);
    for (const expected of [
      "Chai Point Traders",
      "INVOICE",
      "INV-000042",
      "2 Dec 2026",
      "31 Dec 2026",
      "Asha Rao",
      "asha@example.com",
      "Masala chai (1 kg)",
      "Ceramic cup",
      "₹450.00",
      "₹1,350.00",
      "₹125.50",
      "₹1,506.00",
      "Subtotal",
      "₹2,856.00",
      "Discount (WINTER10)",
      "-₹285.60",
      "Tax (18%)",
      "₹462.67",
      "Total",
      "Amount due",
      "₹3,033.07",
      "Thank you for your order.",
      "Payable within 30 days.",
    ]) {
      expect(text).toContain(expected);
    }
    // A line's quantity, unit price and amount sit on the line's row.
    expect(text).toMatch(/Ceramic cup\s+12\s+₹125\.50\s+₹1,506\.00/);
    expect(text).toMatch(/Amount due\s+₹3,033\.07/);
  });

  it("formats zero-decimal and three-decimal currencies by their exponent", async () => {
    const yen = await pdfText(
      await renderInvoicePdf({
        ...invoice,
        currency: "JPY",
        line_items: [{ name: "Matcha", quantity: 2, unit_amount: 1500, amount: 3000 }],
        subtotal: 3000,
        discount_amount: 0,
        discount_code: null,
        tax_bps: 0,
        tax_amount: 0,
        total: 3000,
        amount_due: 3000,
      }),
    );
    expect(yen).toMatch(/Matcha\s+2\s+(¥|JP¥)1,500\s+(¥|JP¥)3,000/);
    expect(yen).not.toContain("3,000.00");
    expect(yen).not.toContain("Tax");

    const dinar = await pdfText(
      await renderInvoicePdf({
        ...invoice,
        currency: "KWD",
        line_items: [{ name: "Dates", quantity: 1, unit_amount: 1500, amount: 1500 }],
        subtotal: 1500,
        discount_amount: 0,
        tax_bps: 0,
        tax_amount: 0,
        total: 1500,
        amount_paid: 500,
        amount_due: 1000,
      }),
    );
    expect(dinar).toMatch(/Dates\s+1\s+KWD\s1\.500\s+KWD\s1\.500/);
    expect(dinar).toMatch(/Amount paid\s+KWD\s0\.500/);
    expect(dinar).toMatch(/Amount due\s+KWD\s1\.000/);
  });

  it("says Draft for an invoice without a number, and wraps long names across lines and pages", async () => {
    const long = "Handwoven cotton table runner with indigo block print ".repeat(3).trim();
    const text = await pdfText(
      await renderInvoicePdf({
        ...invoice,
        number: null,
        status: "draft",
        line_items: Array.from({ length: 50 }, (_, i) => ({
          name: i === 0 ? long : `Item ${i + 1}`,
          quantity: 1,
          unit_amount: 100,
          amount: 100,
        })),
      }),
    );
    expect(text).toContain("DRAFT INVOICE");
    expect(text).toContain("Handwoven cotton table runner");
    expect(text).toContain("Item 50");
    expect(text).toContain("\f"); // more than one page
    expect(text).toContain("Amount due");
  });

  it("draws characters the font lacks as ? rather than failing", async () => {
    const text = await pdfText(await renderInvoicePdf({ ...invoice, customer: { name: "Ali دبي", email: null } }));
    expect(text).toContain("Ali ???");
  });
});

describe("renderReceiptPdf", () => {
  it("writes the merchant, receipt number, amount, method, ids and date", async () => {
    const text = await pdfText(await renderReceiptPdf(receipt));
    for (const expected of [
      "Chai Point Traders",
      "RECEIPT",
      "RCPT-000007",
      "₹1,234.56",
      "Visa ending 4242",
      "pay_V1StGXR8Z5jdHi6B",
      "order_3x4mpl3Ord3r1d",
      "2 Dec 2026, 14:05 UTC",
      "asha@example.com",
      "Order #1001",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("names a UPI payment by its VPA and formats yen without decimals", async () => {
    const text = await pdfText(
      await renderReceiptPdf({ ...receipt, method: "upi", card: null, vpa: "success@paygate", currency: "JPY", amount: 1500 }),
    );
    expect(text).toContain("UPI (success@paygate)");
    expect(text).toMatch(/(¥|JP¥)1,500/);
    expect(text).not.toContain("1,500.00");
  });
});
