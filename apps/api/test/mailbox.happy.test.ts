import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, keyAuth, startTestApi, type TestApi } from "./helpers.js";
import { emailsTo, payOrder } from "./receipt-helpers.js";
import { type SmtpReceiver, startSmtpReceiver } from "./smtp-receiver.js";

let api: TestApi;
let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  api = await startTestApi({ SMTP_URL: smtp.url, EMAIL_FROM: "PayGate Receipts <receipts@paygate.test>" });
});
afterAll(async () => {
  await api?.close();
  await smtp?.close();
});

describe("with SMTP_URL", () => {
  it("sends the receipt email by SMTP after the capture commits, and marks it sent", async () => {
    const shop = await api.registerMerchant("Masala Mart");
    const to = `smtp-${Date.now()}@example.com`;
    const payment = await payOrder(api, shop, { amount: 25_050, payment: { email: to } });
    const message = await eventually(async () => smtp.messages.find((mail) => mail.to.includes(to)));
    expect(message.from).toBe('"PayGate Receipts" <receipts@paygate.test>');
    expect(message.subject).toBe(`Your receipt from Masala Mart (${payment.receipt_number})`);
    expect(message.text).toContain("Thank you for your payment of ₹250.50 to Masala Mart.");
    expect(message.text).toContain(`Receipt number: ${payment.receipt_number}`);
    expect(message.html).toContain("Download receipt (PDF)");

    // The mailbox holds the same email, now `sent`.
    const [recorded] = await emailsTo(api, shop, to);
    expect(message.headers.get("x-paygate-email-id")).toBe(recorded?.id);
    expect(message.text.trim()).toBe(recorded?.text.trim());
    const sent = await eventually(async () => {
      const response = await api.request(`/api/v1/emails?payment_id=${payment.id}`, { auth: keyAuth(shop) });
      const [item] = (await response.json()).data.items;
      return item?.status === "sent" ? item : undefined;
    });
    expect(sent.sent_at).not.toBeNull();
    expect(smtp.messages.filter((mail) => mail.to.includes(to))).toHaveLength(1);
  });

  it("escapes a merchant name holding markup in the HTML it sends", async () => {
    const shop = await api.registerMerchant(`<script>alert("pwned")</script>`);
    const to = `escape-${Date.now()}@example.com`;
    await payOrder(api, shop, { payment: { email: to } });
    const message = await eventually(async () => smtp.messages.find((mail) => mail.to.includes(to)));
    expect(message.html).not.toContain("<script");
    expect(message.html).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    expect(message.subject).toContain(`<script>alert("pwned")</script>`); // a subject is text, not HTML
    const [recorded] = await emailsTo(api, shop, to);
    expect(recorded?.html).not.toContain("<script");
  });
});
