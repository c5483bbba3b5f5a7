import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emails } from "../src/db/schema/index.js";
import { eventually, keyAuth, startTestApi, type TestApi } from "./helpers.js";
import { getJson } from "./money-helpers.js";
import { emailsTo, payOrder } from "./receipt-helpers.js";
import { type SmtpReceiver, startSmtpReceiver } from "./smtp-receiver.js";

describe("an SMTP server that refuses, then accepts", () => {
  let api: TestApi;
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it("leaves the capture committed and retries the email until it is delivered, once", async () => {
    smtp.refuseNext(2);
    const shop = await api.registerMerchant("Retry Shop");
    const to = `retry-${Date.now()}@example.com`;
    const payment = await payOrder(api, shop, { payment: { email: to } });
    expect(payment.receipt_number).toBe("RCPT-000001");
    const message = await eventually(async () => smtp.messages.find((mail) => mail.to.includes(to)), 30_000);
    expect(message.subject).toContain("RCPT-000001");
    expect(smtp.refusals).toBe(2);
    const [email] = await emailsTo(api, shop, to);
    const row = await eventually(async () => {
      const [found] = await api.runtime.database.db
        .select()
        .from(emails)
        .where(eq(emails.id, String(email?.id)));
      return found?.status === "sent" ? found : undefined;
    });
    expect(row.lastError).toBeNull();
    expect(smtp.messages.filter((mail) => mail.to.includes(to))).toHaveLength(1);
  });
});

describe("an SMTP server that is down", () => {
  let api: TestApi;
  beforeAll(async () => {
    // Nothing listens on port 9 (discard) here: every connection is refused at once.
    api = await startTestApi({ SMTP_URL: "smtp://127.0.0.1:9" });
  });
  afterAll(() => api?.close());

  it("never rolls back the money: the payment is captured, the order paid, the email kept queued with the reason", async () => {
    const shop = await api.registerMerchant();
    const to = `down-${Date.now()}@example.com`;
    const payment = await payOrder(api, shop, { payment: { email: to } });
    expect(payment.status).toBe("captured");
    expect(payment.receipt_number).toBe("RCPT-000001");
    expect((await getJson<{ status: string }>(api, shop, `/orders/${payment.order_id}`)).status).toBe("paid");
    const [email] = await emailsTo(api, shop, to);
    const row = await eventually(async () => {
      const [found] = await api.runtime.database.db
        .select()
        .from(emails)
        .where(eq(emails.id, String(email?.id)));
      return found?.lastError ? found : undefined;
    });
    expect(row.status).toBe("queued");
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    const listed = await api.request(`/api/v1/emails?payment_id=${payment.id}`, { auth: keyAuth(shop) });
    expect((await listed.json()).data.items[0]).toMatchObject({ status: "queued", sent_at: null });
  });
});
