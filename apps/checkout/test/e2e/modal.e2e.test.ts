import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillCard, type LogEntry, openMerchantTab, type Stack, screenshot, startStack } from "./harness.js";

const names = (log: LogEntry[]) => log.map(([name]) => name);
const iframeBox = (tab: { page: import("playwright-core").Page }) =>
  tab.page.locator('iframe[title="Secure checkout"]').boundingBox();

describe("the SDK's modal in a real browser", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it("shows a spinner and hides the frame until the checkout is ready, and locks the page's scroll", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    const atOpen = await tab.page.evaluate((id) => {
      (window as unknown as { openCheckout(id: string): void }).openCheckout(id);
      const iframe = document.querySelector<HTMLIFrameElement>('iframe[title="Secure checkout"]');
      return {
        hidden: iframe?.hidden,
        spinner: document.querySelector("progress")?.getAttribute("aria-label"),
        overflow: getComputedStyle(document.documentElement).overflow,
        allow: iframe?.allow,
        src: iframe?.src,
      };
    }, orderId);
    expect(atOpen).toMatchObject({ hidden: true, spinner: "Loading checkout", overflow: "hidden", allow: "payment" });
    const src = new URL(atOpen.src as string);
    expect(src.origin).toBe(stack.checkout.url);
    expect(Object.fromEntries(src.searchParams)).toMatchObject({
      order_id: orderId,
      key: "key_test_abc123",
      origin: stack.merchant.url,
    });
    expect(src.searchParams.get("channel")).toMatch(/^pg[\d-]{7,}/);

    await tab.waitForLog("event:ready");
    const ready = await tab.page.evaluate(() => ({
      hidden: document.querySelector<HTMLIFrameElement>('iframe[title="Secure checkout"]')?.hidden,
      spinner: document.querySelectorAll("progress").length,
      focused: document.activeElement?.getAttribute("title"),
    }));
    expect(ready).toEqual({ hidden: false, spinner: 0, focused: "Secure checkout" });
    await tab.context.close();
  });

  it("Escape closes it and fires onClose; focus returns to the opener; scroll comes back", async () => {
    const tab = await openMerchantTab(stack);
    await tab.open(await stack.createOrder());
    const box = await iframeBox(tab);
    // About 420×640, centred in the 1024×800 viewport.
    expect(box).toMatchObject({ width: 420, height: 640, x: (1024 - 420) / 2, y: (800 - 640) / 2 });
    // Focus the field, then press through the page's keyboard: the iframe is removed while the key
    // is handled, and a press bound to its element can wait on the detached frame until timeout.
    await tab.frame.getByLabel("Card number").focus();
    await tab.page.keyboard.press("Escape");
    await tab.waitForLog("onClose");
    expect(names(await tab.log())).toEqual(["event:ready", "onClose", "event:closed", "result"]);
    expect((await tab.log()).at(-1)).toEqual(["result", null]);
    const after = await tab.page.evaluate(() => ({
      dialogs: document.querySelectorAll("dialog").length,
      focused: document.activeElement?.textContent,
      overflow: getComputedStyle(document.documentElement).overflow,
    }));
    expect(after).toEqual({ dialogs: 0, focused: "Pay now", overflow: "visible" });
    await tab.context.close();
  });

  it("the close button and Escape on the merchant page close it too", async () => {
    const tab = await openMerchantTab(stack);
    await tab.open(await stack.createOrder());
    await tab.page.getByRole("button", { name: "Close checkout" }).click();
    await tab.waitForLog("onClose");
    await tab.open(await stack.createOrder());
    await tab.page.getByRole("button", { name: "Close checkout" }).focus();
    await tab.page.keyboard.press("Escape");
    await tab.waitForLog("onClose", 2);
    expect(await tab.page.locator("dialog").count()).toBe(0);
    await tab.context.close();
  });

  it("at 375 px wide the frame fills the viewport", async () => {
    const tab = await openMerchantTab(stack, { width: 375, height: 667 });
    await tab.open(await stack.createOrder());
    expect(await iframeBox(tab)).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    await screenshot(tab.page, "mobile");
    await tab.context.close();
  });

  it("asks before closing while a payment is processing", async () => {
    const tab = await openMerchantTab(stack);
    await tab.open(await stack.createOrder());
    // The 3-D Secure card stops at the OTP step, so the payment stays in flight.
    await fillCard(tab.frame, "4000 0027 6000 3184");
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    await tab.frame.getByLabel("One-time password").waitFor();
    const messages: string[] = [];
    tab.page.once("dialog", (dialog) => {
      messages.push(dialog.message());
      void dialog.dismiss();
    });
    await tab.page.getByRole("button", { name: "Close checkout" }).click();
    expect(messages).toEqual(["A payment is processing. Close anyway?"]);
    expect(await tab.page.locator("dialog").count()).toBe(1);
    tab.page.once("dialog", (dialog) => void dialog.accept());
    await tab.frame.getByLabel("One-time password").press("Escape");
    await tab.waitForLog("onClose");
    expect(await tab.page.locator("dialog").count()).toBe(0);
    await tab.context.close();
  });

  it("invalid options throw a clear error, and nothing opens", async () => {
    const tab = await openMerchantTab(stack);
    const message = await tab.page.evaluate(() => {
      try {
        (window as unknown as { PaymentGateway: { open(options: unknown): void } }).PaymentGateway.open({
          key: "key_test_abc123",
          orderId: 42,
        });
        return "no error";
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(message).toMatch(/^TypeError: PaymentGateway\.open: invalid "orderId"\. Expected \{ key, orderId, name\?/);
    expect(await tab.page.locator("dialog").count()).toBe(0);
    await tab.context.close();
  });

  it("a second open() closes the first; close() is idempotent", async () => {
    const tab = await openMerchantTab(stack);
    const [first, second] = [await stack.createOrder(), await stack.createOrder()];
    await tab.open(first);
    // The page behind the modal is inert, so the merchant's own code opens the second one.
    await tab.page.evaluate((id) => (window as unknown as { openCheckout(id: string): void }).openCheckout(id), second);
    await tab.waitForLog("event:ready", 2);
    expect(await tab.page.locator("dialog").count()).toBe(1);
    expect(await tab.page.locator('iframe[title="Secure checkout"]').getAttribute("src")).toContain(second);
    expect(names(await tab.log())).toEqual(["event:ready", "onClose", "event:closed", "result", "event:ready"]);
    await tab.page.evaluate(() => {
      const { handles } = window as unknown as { handles: { close(): void }[] };
      for (const handle of [...handles, ...handles]) handle.close();
    });
    const log = names(await tab.log());
    expect(log.filter((name) => name === "onClose")).toHaveLength(2);
    expect(log.filter((name) => name === "event:closed")).toHaveLength(2);
    expect(await tab.page.locator("dialog").count()).toBe(0);
    await tab.context.close();
  });
});
