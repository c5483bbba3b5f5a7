import { verifyPaymentSignature } from "@paygate/node";
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillCard, openMerchantTab, type Stack, screenshot, startStack, TEST_SECRET } from "./harness.js";

/**
 * Issue 19 item 7: 3-D Secure like a real challenge. The issuer's OTP step appears as soon as the
 * acquirer asks for it, not after the processing delay; and the modal's close button sits clear
 * of the test-mode banner.
 */
const PROCESSING_DELAY_MS = 15_000;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

async function box(locator: Locator): Promise<Box> {
  const measured = await locator.boundingBox();
  if (!measured) throw new Error("not rendered");
  return measured;
}

describe("3-D Secure and the modal's layout in a real browser", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { TEST_PROCESSING_DELAY: String(PROCESSING_DELAY_MS) } });
  });
  afterAll(() => stack?.close());

  it(`the OTP step appears long before the ${PROCESSING_DELAY_MS / 1000} s processing delay; 123456 pays`, async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    await tab.open(orderId);
    await fillCard(tab.frame, "4000 0027 6000 3184");
    const submitted = Date.now();
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    await tab.frame.getByLabel("One-time password").waitFor({ timeout: PROCESSING_DELAY_MS * 2 });
    const waited = Date.now() - submitted;
    // A bound on behaviour (before the delay, not after it), not a speed benchmark.
    expect(waited).toBeLessThan(PROCESSING_DELAY_MS / 3);
    const { payment_id: paymentId } = (await tab.waitForLog("event:payment.submitted")) as { payment_id: string };
    expect(await stack.getPayment(paymentId)).toMatchObject({ status: "requires_action" });
    await screenshot(tab.page, "3ds-immediate");

    await tab.frame.getByLabel("One-time password").fill("123456");
    await tab.frame.getByRole("button", { name: "Verify and pay" }).click();
    const success = (await tab.waitForLog("onSuccess")) as { payment_id: string; signature: string };
    expect(success.payment_id).toBe(paymentId);
    expect(verifyPaymentSignature({ orderId, paymentId, signature: success.signature }, TEST_SECRET)).toBe(true);
    expect(await stack.getPayment(paymentId)).toMatchObject({ status: "captured" });
    await tab.context.close();
  });

  it.each([
    ["the 420×640 modal", { width: 1024, height: 800 }],
    ["360 px wide (full screen)", { width: 360, height: 640 }],
  ])("%s: the close button is clear of the test-mode banner and the header's text", async (_name, viewport) => {
    const tab = await openMerchantTab(stack, viewport);
    await tab.open(await stack.createOrder());
    const frame = await box(tab.page.locator('iframe[title="Secure checkout"]'));
    const close = await box(tab.page.getByRole("button", { name: "Close checkout" }));
    const banner = tab.frame.getByRole("complementary", { name: "Test mode" });
    const closedBanner = await box(banner);
    expect(inside(close, frame)).toBe(true);
    expect(overlaps(close, closedBanner)).toBe(false);
    for (const text of [tab.frame.getByRole("heading", { name: "Test Shop" }), tab.frame.locator(".amount")]) {
      expect(overlaps(close, await box(text))).toBe(false);
    }
    // Opened, the banner lists the test values, still clear of the button.
    await banner.getByText("Test mode").click();
    await banner.getByText("4242 4242 4242 4242").waitFor();
    expect(overlaps(close, await box(banner))).toBe(false);
    await screenshot(tab.page, `close-button-${viewport.width}`);
    await tab.context.close();
  });
});
