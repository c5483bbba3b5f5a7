import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillCard, openMerchantTab, type Stack, startStack, TEST_KEY, TEST_SECRET } from "./harness.js";

/**
 * Issue 11 finding 6: a page loading sdk.js from http://127.0.0.1:<port> while the API knew the
 * checkout as http://localhost:<port> got "We could not reach PayGate" (CORS allowed only the
 * configured origin). Here the checkout is served from 127.0.0.1, the API is called by the name
 * localhost, and CHECKOUT_URL says localhost: the public endpoints must answer anyway.
 */
describe("the checkout works whatever host name serves it", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ apiHost: "localhost", configuredCheckoutHost: "localhost" });
  });
  afterAll(() => stack?.close());

  it("loads the order and pays from a checkout on 127.0.0.1 with the API on localhost", async () => {
    expect(stack.checkout.url).toContain("127.0.0.1");
    expect(stack.apiUrl).toContain("localhost");
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    await tab.open(orderId);
    await fillCard(tab.frame, "4242 4242 4242 4242");
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    const success = (await tab.waitForLog("onSuccess")) as { payment_id: string };
    expect(await stack.getPayment(success.payment_id)).toMatchObject({ status: "captured", order_id: orderId });
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it("an order paid meanwhile reads 'This order has already been paid', not a network failure", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder();
    await tab.open(orderId);
    // The merchant's server takes the payment while the shopper is still on the form.
    const paid = await fetch(`${stack.apiUrl}/api/v1/payments`, {
      method: "POST",
      headers: { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" },
      body: JSON.stringify({ order_id: orderId, method: "upi", vpa: "success@paygate" }),
    });
    expect(paid.status).toBe(201);
    const paymentId = ((await paid.json()) as { data: { id: string } }).data.id;
    for (let tries = 0; (await stack.getPayment(paymentId)).status !== "captured"; tries++) {
      if (tries > 100) throw new Error("the merchant's payment never captured");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await fillCard(tab.frame, "4242 4242 4242 4242");
    await tab.frame.getByRole("button", { name: "Pay ₹500.00" }).click();
    const failure = (await tab.waitForLog("onFailure")) as { error: { type: string; description: string } };
    expect(failure.error).toMatchObject({ type: "order_not_payable", description: "This order has already been paid." });
    const alert = await tab.frame.getByRole("alert").textContent();
    expect(alert).toContain("This order has already been paid.");
    expect(alert).not.toContain("could not reach");
    await tab.context.close();
  });
});
