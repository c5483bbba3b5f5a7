import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillCard, openMerchantTab, type Stack, screenshot, startStack, TEST_KEY, TEST_SECRET } from "./harness.js";

const merchantAuth = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" };

describe("promo code in the checkout modal (SPEC §14)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    for (const body of [
      { code: "E2E-SAVE10", type: "percentage", value: 1000 },
      { code: "E2E-OLD", type: "percentage", value: 1000, valid_until: "2001-01-01T00:00:00Z" },
    ]) {
      const response = await fetch(`${stack.apiUrl}/api/v1/discounts`, {
        method: "POST",
        headers: merchantAuth,
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`discount: ${response.status} ${await response.text()}`);
    }
  });
  afterAll(() => stack?.close());

  it("an expired code is announced; apply updates the summary and the pay button; remove restores; pay charges the discounted amount", async () => {
    const tab = await openMerchantTab(stack);
    const orderId = await stack.createOrder(50000);
    await tab.open(orderId);
    const { frame } = tab;
    const field = frame.getByLabel("Promo code");
    const apply = frame.getByRole("button", { name: "Apply", exact: true });

    await field.fill("e2e-old");
    await apply.click();
    const expired = frame.getByText("This code has expired.");
    await expired.waitFor();
    // Announced: the message sits in the field's live region and describes the field.
    expect(await expired.getAttribute("aria-live")).toBe("polite");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    await frame.getByRole("button", { name: "Pay ₹500.00" }).waitFor();

    await field.fill("e2e-save10");
    await field.press("Enter"); // Enter applies the code; it does not pay
    await frame.getByText("Discount (E2E-SAVE10)").waitFor();
    expect(await frame.locator(".discount-lines").textContent()).toContain("−₹50.00");
    expect(await frame.locator(".amount").textContent()).toContain("₹450.00");
    await frame.getByRole("button", { name: "Pay ₹450.00" }).waitFor();
    await screenshot(tab.page, "promo-applied");

    await frame.getByRole("button", { name: "Remove" }).click();
    await frame.getByRole("button", { name: "Pay ₹500.00" }).waitFor();
    expect(await frame.locator(".discount-lines").count()).toBe(0);

    await frame.getByLabel("Promo code").fill("E2E-SAVE10");
    await frame.getByRole("button", { name: "Apply", exact: true }).click();
    await fillCard(frame, "4242424242424242");
    await frame.getByRole("button", { name: "Pay ₹450.00" }).click();
    const success = (await tab.waitForLog("onSuccess")) as { payment_id: string; order_id: string };
    expect(success.order_id).toBe(orderId);
    const payment = await stack.getPayment(success.payment_id);
    expect(payment).toMatchObject({ status: "captured", amount: 45000, order_id: orderId });
    const order = await (await fetch(`${stack.apiUrl}/api/v1/orders/${orderId}`, { headers: merchantAuth })).json();
    expect(order.data).toMatchObject({
      status: "paid",
      amount_paid: 45000,
      amount_due: 0,
      discount: { code: "E2E-SAVE10", amount: 5000 },
    });
    // The one console line is Chromium reporting the expected 409 of the expired code.
    expect(tab.errors.filter((line) => !line.includes("status of 409"))).toEqual([]);
  });

  it("an invoice's order opened in the modal shows no promo code field: its discount was set on the invoice", async () => {
    const post = async (path: string, body?: unknown) => {
      const response = await fetch(`${stack.apiUrl}/api/v1${path}`, {
        method: "POST",
        headers: merchantAuth,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await response.json()) as { data: { id: string; order_id: string | null } };
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
      return json.data;
    };
    const draft = await post("/invoices", {
      customer: { name: "Asha Rao", email: "asha@example.com" },
      line_items: [{ name: "Consulting", quantity: 1, unit_amount: 20000 }],
      discount_code: "E2E-SAVE10",
    });
    const sent = await post(`/invoices/${draft.id}/send`);
    const tab = await openMerchantTab(stack);
    await tab.open(sent.order_id ?? "");
    await tab.frame.getByRole("button", { name: "Pay ₹180.00" }).waitFor();
    expect(await tab.frame.getByLabel("Promo code").count()).toBe(0);

    // A plain order in the same modal still offers it, so the count above can tell the two apart.
    const plain = await openMerchantTab(stack);
    await plain.open(await stack.createOrder(20000));
    await plain.frame.getByLabel("Promo code").waitFor();
  });
});
