import { readFile } from "node:fs/promises";
import { pdfText } from "@paygate/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillCard, openMerchantTab, type Stack, screenshot, startStack, TEST_KEY, TEST_SECRET } from "./harness.js";

const merchantAuth = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET };

describe("the receipt after a successful payment", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('"Download receipt" in the success view downloads the payment\'s receipt PDF', async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder(123_456);
    await tab.open(orderId);
    await fillCard(tab.frame, "4242424242424242");
    await tab.frame.getByRole("button", { name: "Pay ₹1,234.56" }).click();
    await tab.frame.getByRole("heading", { name: "Payment successful" }).waitFor({ timeout: 30_000 });
    const { payment_id: paymentId } = (await tab.waitForLog("onSuccess")) as { payment_id: string };
    const payment = await stack.getPayment(paymentId);
    expect(payment).toMatchObject({ status: "captured", receipt_number: expect.stringMatching(/^RCPT-\d{6}$/) });
    await screenshot(tab.page, "success-receipt");

    const link = tab.frame.getByRole("link", { name: "Download receipt" });
    const [download] = await Promise.all([tab.page.waitForEvent("download", { timeout: 30_000 }), link.click()]);
    expect(download.suggestedFilename()).toBe(`receipt-${payment.receipt_number}.pdf`);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain("Test Merchant"); // the seeded merchant (the page calls itself "Test Shop")
    expect(text).toContain(String(payment.receipt_number));
    expect(text).toContain("₹1,234.56");
    expect(text).toContain(paymentId);

    // The prefilled email got the same receipt by email.
    const emails = await fetch(`${stack.apiUrl}/api/v1/test/emails?to=asha@example.com`, { headers: merchantAuth });
    const { items } = ((await emails.json()) as { data: { items: { subject: string }[] } }).data;
    expect(items.map((email) => email.subject)).toContain(`Your receipt from Test Merchant (${payment.receipt_number})`);
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });
});
