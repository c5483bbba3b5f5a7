import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MerchantTab, openMerchantTab, type Stack, startStack } from "./harness.js";

/** Adds an iframe to the merchant page (behind the modal) and returns its frame once loaded. */
async function addFrame(page: Page, src: string): Promise<Frame> {
  await page.evaluate(
    (url) =>
      new Promise<void>((resolve) => {
        const iframe = Object.assign(document.createElement("iframe"), { src: url, title: "extra" });
        iframe.onload = () => resolve();
        document.body.append(iframe);
      }),
    src,
  );
  const frame = page.frames().find((candidate) => candidate.url() === src);
  if (!frame) throw new Error(`no frame for ${src}`);
  return frame;
}

const channelOf = (tab: MerchantTab) =>
  tab.page.evaluate(
    () =>
      new URL(document.querySelector<HTMLIFrameElement>('iframe[title="Secure checkout"]')?.src ?? "").searchParams.get(
        "channel",
      ) ?? "",
  );

const checkoutFrame = (tab: MerchantTab, checkoutUrl: string) => {
  const frame = tab.page.frames().find((candidate) => candidate.url().startsWith(`${checkoutUrl}/?order_id=`));
  if (!frame) throw new Error("no checkout frame");
  return frame;
};

describe("the message protocol's origin, source and channel checks", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it("the SDK ignores a third origin, a wrong channel, and the right origin from another window", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    await tab.open(orderId);
    const channel = await channelOf(tab);
    const forged = (onChannel: string) => ({
      source: "paygate",
      version: 1,
      channel: onChannel,
      type: "payment.succeeded",
      payload: { payment_id: "pay_forged123456", order_id: orderId, status: "captured", signature: "00" },
    });
    const postToParent = (frame: Frame, message: unknown, targetOrigin: string) =>
      frame.evaluate(([data, target]) => window.parent.postMessage(data, target as string), [message, targetOrigin] as const);

    const thirdOrigin = await addFrame(tab.page, `${stack.other.url}/other`);
    await postToParent(thirdOrigin, forged(channel), "*");
    const sameOriginOtherWindow = await addFrame(tab.page, `${stack.checkout.url}/?not=the-checkout`);
    await postToParent(sameOriginOtherWindow, forged(channel), stack.merchant.url);
    const checkout = checkoutFrame(tab, stack.checkout.url);
    await postToParent(checkout, forged("pg-wrong-channel"), stack.merchant.url);
    await postToParent(checkout, { ...forged(channel), version: 2 }, stack.merchant.url);
    await tab.page.waitForTimeout(300);
    expect((await tab.log()).map(([name]) => name)).toEqual(["event:ready"]);

    // The control: the same message from the checkout's own window, on its channel, is heard.
    await postToParent(checkout, forged(channel), stack.merchant.url);
    expect(await tab.waitForLog("onSuccess")).toMatchObject({ payment_id: "pay_forged123456" });
    await tab.context.close();
  });

  it("the checkout accepts init only from its parent, from the parent's origin, on its channel", async () => {
    const tab = await openMerchantTab(stack);
    await tab.open(await stack.createOrder());
    const channel = await channelOf(tab);
    const init = (name: string, onChannel = channel) => ({
      source: "paygate",
      version: 1,
      channel: onChannel,
      type: "init",
      payload: { name },
    });
    // The checkout iframe is the page's first frame: window.frames[0] from any frame here.
    const postToCheckout = (frame: Frame, message: unknown) =>
      frame.evaluate((data) => (window.top as Window).frames[0]?.postMessage(data, "*"), message);

    const thirdOrigin = await addFrame(tab.page, `${stack.other.url}/other`);
    await postToCheckout(thirdOrigin, init("Forged by a third origin"));
    // Same origin as the parent, but not the parent window.
    const sibling = await addFrame(tab.page, `${stack.merchant.url}/other`);
    await postToCheckout(sibling, init("Forged by a sibling"));
    await postToCheckout(tab.page.mainFrame(), init("Wrong channel", "pg-wrong-channel"));
    await tab.page.waitForTimeout(300);
    expect(await tab.frame.getByRole("heading", { level: 1 }).textContent()).toBe("Test Shop");

    // The control: the parent itself, on the channel, is heard.
    await postToCheckout(tab.page.mainFrame(), init("Renamed by the parent"));
    await tab.frame.getByRole("heading", { name: "Renamed by the parent" }).waitFor({ timeout: 5_000 });
    await tab.context.close();
  });

  it("the checkout page carries the CSP and works on its own, outside any iframe, without console errors", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    const response = await tab.page.goto(
      `${stack.checkout.url}/?order_id=${orderId}&key=key_test_abc123&origin=${stack.merchant.url}&channel=pg12345678`,
    );
    expect(response?.headers()["content-security-policy"]).toContain(`connect-src ${stack.apiUrl}`);
    await tab.page.getByRole("button", { name: "Pay ₹500.00" }).waitFor();
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });
});
