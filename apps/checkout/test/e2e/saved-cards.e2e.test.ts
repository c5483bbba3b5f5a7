import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillCard, openMerchantTab, type Stack, screenshot, startStack, TEST_KEY, TEST_SECRET } from "./harness.js";

const merchantAuth = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" };

describe("saved cards in the checkout (SPEC §15)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${stack.apiUrl}/api/v1${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: merchantAuth,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { data: Record<string, unknown> }).data;
  };
  const customerOrder = async (customerId: string, amount: number) =>
    (await api("/orders", { amount, customer_id: customerId })).id as string;

  it("saves a card in the modal, then pays a second order for the same customer with one tap", async () => {
    const customer = await api("/customers", { name: "Asha Rao", email: "asha@example.com" });
    const customerId = customer.id as string;

    const tab = await openMerchantTab(stack);
    await tab.open(await customerOrder(customerId, 25_000));
    const { frame } = tab;
    const saveBox = frame.getByRole("checkbox", { name: "Save this card for future payments" });
    expect(await saveBox.isChecked()).toBe(false);
    await fillCard(frame, "4242 4242 4242 4242");
    await saveBox.check();
    await screenshot(tab.page, "save-card");
    await frame.getByRole("button", { name: "Pay ₹250.00" }).click();
    await tab.waitForLog("onSuccess");
    await frame.getByRole("heading", { name: "Payment successful" }).waitFor();
    const saved = (await api(`/customers/${customerId}/payment_methods`)).items as { id: string; card: { last4: string } }[];
    expect(saved.map((card) => card.card.last4)).toEqual(["4242"]);
    await tab.context.close();

    // The same customer's next order: the saved card is offered, chosen, and pays with one tap.
    const second = await openMerchantTab(stack);
    const orderId = await customerOrder(customerId, 9_900);
    await second.open(orderId);
    const savedRadio = second.frame.getByRole("radio", { name: "Visa •••• 4242" });
    expect(await savedRadio.isChecked()).toBe(true);
    expect(await second.frame.getByLabel("Card number").count()).toBe(0);
    await screenshot(second.page, "saved-card-one-tap");
    await second.frame.getByRole("button", { name: "Pay ₹99.00" }).click();
    const success = (await second.waitForLog("onSuccess")) as { payment_id: string; status: string };
    expect(success.status).toBe("captured");
    expect(await stack.getPayment(success.payment_id)).toMatchObject({
      order_id: orderId,
      status: "captured",
      payment_method_id: saved[0]?.id,
    });
    expect(second.errors).toEqual([]);
    await second.context.close();
  });

  it("an order without a customer offers neither saved cards nor the box; 'Use a new card' shows the form", async () => {
    const tab = await openMerchantTab(stack);
    await tab.open(await stack.createOrder(1000));
    await tab.frame.getByLabel("Card number").waitFor();
    expect(await tab.frame.getByRole("checkbox", { name: "Save this card for future payments" }).count()).toBe(0);
    expect(await tab.frame.getByRole("radio").count()).toBe(0);
    await tab.context.close();

    const customer = await api("/customers", { name: "Ravi" });
    const first = await openMerchantTab(stack);
    await first.open(await customerOrder(customer.id as string, 1000));
    await fillCard(first.frame, "5555 5555 5555 4444");
    await first.frame.getByRole("checkbox", { name: "Save this card for future payments" }).check();
    await first.frame.getByRole("button", { name: "Pay ₹10.00" }).click();
    await first.waitForLog("onSuccess");
    await first.context.close();

    const next = await openMerchantTab(stack);
    await next.open(await customerOrder(customer.id as string, 1000));
    await next.frame.getByRole("radio", { name: "Mastercard •••• 4444" }).waitFor();
    await next.frame.getByRole("radio", { name: "Use a new card" }).check();
    await next.frame.getByLabel("Card number").waitFor();
    expect(await next.frame.getByRole("checkbox", { name: "Save this card for future payments" }).isChecked()).toBe(false);
    await next.context.close();
  });
});
