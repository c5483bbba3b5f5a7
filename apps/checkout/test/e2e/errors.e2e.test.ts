import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckoutServer, startCheckoutServer } from "../../server/index.js";
import { type MerchantTab, openMerchantTab, type Stack, screenshot, startStack, TEST_KEY, TEST_SECRET } from "./harness.js";

/**
 * Issue 19 item 5 (SPEC §10 `error`): when the checkout cannot take a payment, the developer
 * hears why — the SDK's `error` event, `onFailure({ order_id, error })` and a console.error
 * naming the cause — while the shopper reads plain words, never a validation message or a code.
 */
interface Failure {
  order_id: string;
  payment_id?: string;
  error: { type: string; code: number; description: string };
}

const merchantAuth = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" };

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Opens the checkout from the merchant page with extra options, without waiting for a form. */
const openWith = (tab: MerchantTab, orderId: string, extra: Record<string, string> = {}) =>
  tab.page.evaluate(
    ([id, options]) => (window as unknown as { openCheckout(id: string, extra: object): void }).openCheckout(id, options),
    [orderId, extra] as const,
  );

/** What the developer got: onFailure, the `error` event (the same error) and the console line. */
async function developerSaw(tab: MerchantTab, orderId: string) {
  const failure = (await tab.waitForLog("onFailure")) as Failure;
  const event = await tab.waitForLog("event:error");
  expect(failure.order_id).toBe(orderId);
  expect(failure.payment_id).toBeUndefined();
  expect(event).toEqual(failure.error);
  const consoleLines = tab.errors.filter((line) => line.startsWith("PayGate:"));
  expect(consoleLines).toEqual([`PayGate: ${failure.error.description}`]);
  // No payment was attempted.
  expect((await tab.log()).map(([name]) => name)).not.toContain("event:payment.submitted");
  return failure.error;
}

/** What the shopper read: the frame's alert, in plain words. */
async function shopperSaw(tab: MerchantTab) {
  const alert = tab.frame.getByRole("alert");
  await alert.waitFor();
  const text = (await alert.textContent()) ?? "";
  expect(text).not.toMatch(/must be|[a-z]+_[a-z]+|\b\d{4}\b/);
  return text;
}

describe("checkout errors reach the developer; the shopper reads plain words", () => {
  let stack: Stack;
  let unreachable: CheckoutServer;
  beforeAll(async () => {
    stack = await startStack();
    // A second checkout whose API address answers nothing.
    unreachable = await startCheckoutServer({
      port: 0,
      host: "127.0.0.1",
      apiUrl: `http://127.0.0.1:${await closedPort()}`,
      testMode: true,
    });
  });
  afterAll(async () => {
    await unreachable?.close();
    await stack?.close();
  });

  it("an unknown key", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    await openWith(tab, orderId, { key: "key_test_nobody" });
    const error = await developerSaw(tab, orderId);
    expect(error).toMatchObject({ type: "unauthorized", code: 1002 });
    expect(error.description).toMatch(/^Unknown key key_test_nobody: pass your publishable api_key/);
    expect(await shopperSaw(tab)).toContain("PayGate did not accept the shop's key");
    await tab.context.close();
  });

  it("a malformed order id", async () => {
    const tab = await openMerchantTab(stack);
    await openWith(tab, "123");
    const error = await developerSaw(tab, "123");
    expect(error).toMatchObject({ type: "validation_error", code: 1000 });
    expect(error.description).toBe('"123" is not an order id: pass the id POST /api/v1/orders returned (order_…)');
    expect(await shopperSaw(tab)).toBe("PayGate could not find this order. Go back to the shop and start again.");
    await tab.context.close();
  });

  it("an unknown order", async () => {
    const tab = await openMerchantTab(stack);
    await openWith(tab, "order_doesnotexist0001");
    const error = await developerSaw(tab, "order_doesnotexist0001");
    expect(error).toMatchObject({ type: "not_found", code: 1006 });
    expect(error.description).toContain("Order order_doesnotexist0001 was not found for key key_test_abc123");
    expect(await shopperSaw(tab)).toContain("could not find this order");
    await tab.context.close();
  });

  it("a paid order shows its amount marked paid, and says so to both", async () => {
    const orderId = await stack.createOrder(50000);
    const paid = await fetch(`${stack.apiUrl}/api/v1/payments`, {
      method: "POST",
      headers: merchantAuth,
      body: JSON.stringify({ order_id: orderId, method: "upi", vpa: "success@paygate" }),
    });
    const paymentId = ((await paid.json()) as { data: { id: string } }).data.id;
    for (let tries = 0; (await stack.getPayment(paymentId)).status !== "captured"; tries++) {
      if (tries > 100) throw new Error("the payment never captured");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const tab = await openMerchantTab(stack);
    await tab.open(orderId);
    const error = await developerSaw(tab, orderId);
    expect(error).toEqual({
      type: "order_not_payable",
      code: 1008,
      description: `Order ${orderId} is already paid: there is nothing left to pay`,
    });
    expect(await shopperSaw(tab)).toBe("This order has already been paid.");
    const amount = (await tab.frame.locator(".amount").textContent()) ?? "";
    expect(amount).toContain("₹500.00");
    expect(amount).toContain("Paid");
    expect(amount).not.toContain("₹0.00");
    await screenshot(tab.page, "paid-order");
    // No form to pay again.
    expect(await tab.frame.getByRole("button", { name: /^Pay / }).count()).toBe(0);
    await tab.context.close();
  });

  it("a cancelled order", async () => {
    const orderId = await stack.createOrder();
    const cancelled = await fetch(`${stack.apiUrl}/api/v1/orders/${orderId}/cancel`, { method: "POST", headers: merchantAuth });
    expect(cancelled.status).toBe(200);
    const tab = await openMerchantTab(stack);
    await tab.open(orderId);
    const error = await developerSaw(tab, orderId);
    expect(error).toMatchObject({
      type: "order_not_payable",
      code: 1008,
      description: `Order ${orderId} was cancelled and accepts no payment`,
    });
    expect(await shopperSaw(tab)).toBe("This order was cancelled. Return to the shop to start again.");
    await tab.context.close();
  });

  it("the API unreachable: only then 'We could not reach PayGate'", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    await openWith(tab, orderId, { checkoutUrl: unreachable.url });
    const error = await developerSaw(tab, orderId);
    expect(error).toMatchObject({ type: "network_error", code: 0 });
    expect(error.description).toMatch(/^The checkout got no answer from the PayGate API at http:\/\/127\.0\.0\.1:\d+/);
    expect(await shopperSaw(tab)).toContain("We could not reach PayGate");
    await tab.context.close();
  });

  it("a decline reads as a sentence; the code is only in onFailure", async () => {
    const tab = await openMerchantTab(stack);
    await tab.open(await stack.createOrder());
    await tab.frame.getByLabel("Card number").pressSequentially("4000000000000002");
    await tab.frame.getByLabel("Expiry (MM/YY)").fill("12/34");
    await tab.frame.getByLabel("CVV").fill("123");
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    const failure = (await tab.waitForLog("onFailure")) as Failure;
    expect(failure.error.type).toBe("card_declined");
    await tab.frame.getByRole("heading", { name: "Payment failed" }).waitFor();
    const shown = (await tab.frame.getByRole("alert").textContent()) ?? "";
    expect(shown).toContain("Your card was declined.");
    expect(shown).not.toContain("card_declined");
    // A decline is a payment.failed, not the checkout's `error`.
    expect((await tab.log()).map(([name]) => name)).not.toContain("event:error");
    await tab.context.close();
  });
});
