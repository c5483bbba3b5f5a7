import { verifyPaymentSignature } from "@paygate/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillCard, openMerchantTab, type Stack, screenshot, startStack, TEST_SECRET } from "./harness.js";

interface Success {
  payment_id: string;
  order_id: string;
  status: string;
  signature: string;
}
interface Failure {
  payment_id?: string;
  order_id: string;
  error: { type: string; code: number; description: string };
}

describe("checkout payments in a real browser", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it("card: open → fill → pay → onSuccess with a signature that verifies; the payment is captured", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    await tab.open(orderId);
    const { frame } = tab;
    // The banner with the magic values shows in test mode (waitFor throws if it never does).
    const banner = frame.getByRole("complementary", { name: "Test mode" });
    await banner.waitFor();
    expect(await banner.textContent()).toContain("4242 4242 4242 4242");
    await frame.getByLabel("Card number").pressSequentially("4242424242424242");
    expect(await frame.getByLabel("Card number").inputValue()).toBe("4242 4242 4242 4242");
    await expect(frame.getByText("Visa", { exact: true }).isVisible()).resolves.toBe(true);
    await frame.getByLabel("Expiry (MM/YY)").pressSequentially("1234");
    expect(await frame.getByLabel("Expiry (MM/YY)").inputValue()).toBe("12/34");
    await frame.getByLabel("CVV").fill("123");
    expect(await frame.getByLabel("Name on card").inputValue()).toBe("Asha Rao"); // from prefill
    await screenshot(tab.page, "card-form");

    // Hold the status polls until the processing state has been seen: on a busy machine it can
    // otherwise be over before the test looks.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const isPoll = (url: URL) => /^\/api\/v1\/payments\/[^/]+\/public$/.test(url.pathname);
    await tab.context.route(isPoll, (route) => held.then(() => route.continue()));
    await frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    await frame.getByRole("heading", { name: "Processing your payment…" }).waitFor();
    await screenshot(tab.page, "processing");
    release();

    const success = (await tab.waitForLog("onSuccess")) as Success;
    expect(success).toMatchObject({ order_id: orderId, status: "captured" });
    expect(verifyPaymentSignature({ orderId, paymentId: success.payment_id, signature: success.signature }, TEST_SECRET)).toBe(
      true,
    );
    expect(
      verifyPaymentSignature(
        { orderId: "order_someoneelse", paymentId: success.payment_id, signature: success.signature },
        TEST_SECRET,
      ),
    ).toBe(false);
    expect(await stack.getPayment(success.payment_id)).toMatchObject({ status: "captured", order_id: orderId });

    await frame.getByRole("heading", { name: "Payment successful" }).waitFor();
    await screenshot(tab.page, "success");
    const names = (await tab.log()).map(([name]) => name);
    expect(names).toEqual(["event:ready", "event:payment.submitted", "onSuccess", "event:payment.succeeded", "result"]);

    // "Done" closes the modal; after a success that is not an onClose.
    await frame.getByRole("button", { name: "Done" }).click();
    await tab.waitForLog("event:closed");
    expect((await tab.log()).map(([name]) => name)).not.toContain("onClose");
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it("card: a decline shows the reason; Try again with 4242… succeeds (onFailure, then onSuccess)", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    await tab.open(orderId);
    await fillCard(tab.frame, "4000 0000 0000 0002");
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();

    const failure = (await tab.waitForLog("onFailure")) as Failure;
    expect(failure).toMatchObject({ order_id: orderId, error: { type: "card_declined", code: 1011 } });
    expect(failure.payment_id).toMatch(/^pay_/);
    await tab.frame.getByRole("heading", { name: "Payment failed" }).waitFor();
    expect(await tab.frame.getByRole("alert").textContent()).toContain(failure.error.description);
    await screenshot(tab.page, "failure");

    await tab.frame.getByRole("button", { name: "Try again" }).click();
    await fillCard(tab.frame, "4242 4242 4242 4242");
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    const success = (await tab.waitForLog("onSuccess")) as Success;
    expect(success.payment_id).not.toBe(failure.payment_id);
    expect(verifyPaymentSignature({ orderId, paymentId: success.payment_id, signature: success.signature }, TEST_SECRET)).toBe(
      true,
    );
    const names = (await tab.log()).map(([name]) => name).filter((name) => name.startsWith("on"));
    expect(names).toEqual(["onFailure", "onSuccess"]);
    expect(await stack.getPayment(failure.payment_id as string)).toMatchObject({ status: "failed" });
    await tab.context.close();
  });

  it("card: inline errors for a bad number and a past expiry, announced and tied to the field", async () => {
    const tab = await openMerchantTab(stack);
    await tab.open(await stack.createOrder());
    await fillCard(tab.frame, "4242 4242 4242 4241", { expiry: "01/20" });
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    const number = tab.frame.getByLabel("Card number");
    expect(await number.getAttribute("aria-invalid")).toBe("true");
    expect(await tab.frame.locator("#card-number-error").textContent()).toMatch(/not valid/);
    expect(await tab.frame.locator("#card-number-error").getAttribute("aria-live")).toBe("polite");
    expect(await tab.frame.locator("#card-expiry-error").textContent()).toBe("This card has expired.");
    // Focus went to the first invalid field, and nothing was sent.
    expect(await number.evaluate((input) => input === document.activeElement)).toBe(true);
    expect((await tab.log()).map(([name]) => name)).toEqual(["event:ready"]);
    await tab.context.close();
  });

  it("3-D Secure: OTP 123456 succeeds, a wrong OTP fails", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    await tab.open(orderId);
    await fillCard(tab.frame, "4000 0027 6000 3184");
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    await tab.frame.getByLabel("One-time password").waitFor();
    await screenshot(tab.page, "3ds");
    await tab.frame.getByLabel("One-time password").fill("000000");
    await tab.frame.getByRole("button", { name: "Verify and pay" }).click();
    const failure = (await tab.waitForLog("onFailure")) as Failure;
    expect(failure.error.type).toBe("authentication_failed");

    await tab.frame.getByRole("button", { name: "Try again" }).click();
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    await tab.frame.getByLabel("One-time password").fill("123456");
    // Submitted with the keyboard alone.
    await tab.frame.getByLabel("One-time password").press("Enter");
    const success = (await tab.waitForLog("onSuccess")) as Success;
    expect(verifyPaymentSignature({ orderId, paymentId: success.payment_id, signature: success.signature }, TEST_SECRET)).toBe(
      true,
    );
    expect(await stack.getPayment(success.payment_id)).toMatchObject({ status: "captured" });
    await tab.context.close();
  });

  it("UPI by keyboard alone: failure@paygate fails, then success@paygate succeeds", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder(12345);
    await tab.open(orderId);
    const { page, frame } = tab;
    const focusedLabel = () => frame.locator(":focus").evaluate((element) => element.id || element.textContent);
    await frame.getByRole("tab", { name: "Card" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await frame.getByRole("tab", { name: "UPI" }).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Tab");
    expect(await focusedLabel()).toBe("upi-vpa");
    await page.keyboard.type("failure@paygate");
    await page.keyboard.press("Enter");
    const failure = (await tab.waitForLog("onFailure")) as Failure;
    expect(failure.error.type).toBe("upi_declined");

    // Focus is on "Try again"; after it, back in the UPI ID field with the value kept.
    expect(await focusedLabel()).toBe("Try again");
    await page.keyboard.press("Enter");
    await frame.getByLabel("UPI ID").waitFor();
    expect(await focusedLabel()).toBe("upi-vpa");
    expect(await frame.getByLabel("UPI ID").inputValue()).toBe("failure@paygate");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("success@paygate");
    await page.keyboard.press("Enter");
    const success = (await tab.waitForLog("onSuccess")) as Success;
    expect(verifyPaymentSignature({ orderId, paymentId: success.payment_id, signature: success.signature }, TEST_SECRET)).toBe(
      true,
    );
    expect(await frame.getByText("You paid ₹123.45.").count()).toBe(1);
    await tab.context.close();
  });

  it("netbanking and wallet: pick from the lists the API offers, then pay", async () => {
    for (const [tab, label, choice, stored] of [
      ["Netbanking", "Bank", "ICICI Bank", { method: "netbanking", bank: "ICICI" }],
      ["Wallet", "Wallet", "PhonePe", { method: "wallet", wallet: "phonepe" }],
    ] as const) {
      const merchant = await openMerchantTab(stack);
      const orderId = await stack.createOrder();
      await merchant.open(orderId);
      await merchant.frame.getByRole("tab", { name: tab }).click();
      await merchant.frame.getByRole("combobox", { name: label }).selectOption({ label: choice });
      await merchant.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
      const success = (await merchant.waitForLog("onSuccess")) as Success;
      expect(await stack.getPayment(success.payment_id)).toMatchObject({ status: "captured", order_id: orderId, ...stored });
      await merchant.context.close();
    }
  });
});
