import { describe, expect, it } from "vitest";
import { escapeHtml, html } from "./html.js";
import { type EmailData, renderEmail } from "./templates.js";

const evil = `<script>alert("x")</script> & 'friends'`;

const samples: { [Kind in keyof EmailData]: EmailData[Kind] } = {
  invoice_sent: {
    merchant_name: evil,
    invoice_id: "inv_abcdefghijkl",
    invoice_number: "INV-000001",
    customer_name: `<img src=x onerror=alert(1)>`,
    currency: "INR",
    total: 118_000,
    amount_due: 118_000,
    due_date: "2026-12-31",
    url: `https://pay.example/i/inv_abc?x="><script>`,
  },
  receipt: {
    merchant_name: evil,
    payment_id: "pay_abcdefghijkl",
    order_id: "order_abcdefghijkl",
    receipt_number: "RCPT-000001",
    amount: 49_900,
    currency: "INR",
    paid_at: "2026-12-02T14:05:00.000Z",
    method: "Visa ending 4242",
    receipt_url: "https://api.example/receipt?key=k&x=<b>",
    description: "<b>bold</b>",
  },
  payment_link: {
    merchant_name: evil,
    payment_link_id: "plink_abcdefghijkl",
    customer_name: "<i>Asha</i>",
    description: "<marquee>Tea</marquee>",
    amount: 1500,
    currency: "JPY",
    url: "https://pay.example/l/plink_abc",
    expire_by: null,
  },
};

describe("email templates", () => {
  for (const kind of Object.keys(samples) as (keyof EmailData)[]) {
    it(`${kind}: escapes every interpolated value in the HTML and keeps the text as written`, () => {
      const email = renderEmail(kind, samples[kind] as never);
      expect(email.html).not.toMatch(/<script|<img|<b>|<i>|<marquee/i);
      expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;");
      expect(email.text).toContain(evil);
      expect(email.subject).toContain(evil);
      expect(email.subject).not.toMatch(/[\r\n]/);
    });
  }

  it("formats money by the currency's exponent", () => {
    expect(renderEmail("payment_link", samples.payment_link).text).toMatch(/requests (¥|JP¥)1,500 for/);
    expect(renderEmail("receipt", samples.receipt).text).toContain("₹499.00");
  });

  it("files each email under the object it is about", () => {
    expect(renderEmail("invoice_sent", samples.invoice_sent).related).toEqual({ invoice_id: "inv_abcdefghijkl" });
    expect(renderEmail("receipt", samples.receipt).related).toEqual({ payment_id: "pay_abcdefghijkl" });
    expect(renderEmail("payment_link", samples.payment_link).related).toEqual({ payment_link_id: "plink_abcdefghijkl" });
  });

  it("keeps a subject on one line whatever the merchant's name holds", () => {
    const email = renderEmail("receipt", { ...samples.receipt, merchant_name: "Shop\r\nBcc: victim@example.com" });
    expect(email.subject).toBe("Your receipt from Shop Bcc: victim@example.com (RCPT-000001)");
  });
});

describe("html", () => {
  it("escapes interpolations but not nested html", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p>${inner}${"&"}${42}${null}</p>`.value).toBe("<p><b>&lt;i&gt;</b>&amp;42</p>");
    expect(escapeHtml(`"'<>&`)).toBe("&quot;&#39;&lt;&gt;&amp;");
  });
});
