import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { PaymentLink } from "@paygate/contracts";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, type Stack, startStack, TEST_KEY, TEST_SECRET } from "./harness.js";

const merchantHeaders = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" };
/** Set to write the README's screenshot of the hosted link page (docs/payment-link.png) too. */
const DOCS_SCREENSHOT = process.env.UPDATE_DOCS_SCREENSHOTS === "1";

describe("the hosted payment link page in a real browser", () => {
  let stack: Stack;
  const contexts: BrowserContext[] = [];

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
    const response = await fetch(`${stack.apiUrl}/api/v1${path}`, {
      method,
      headers: merchantHeaders,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as { data: T };
    return { status: response.status, data: json.data };
  }

  async function createLink(body: Record<string, unknown> = {}) {
    const { status, data } = await api<PaymentLink>("POST", "/payment_links", {
      amount: 25_000,
      description: "Darjeeling first flush, 250 g",
      ...body,
    });
    expect(status).toBe(201);
    return data;
  }

  /** Opens a link's URL as a shopper would (a top-level page); console errors (CSP…) are collected. */
  async function openLink(link: Pick<PaymentLink, "url">, viewport = { width: 1024, height: 900 }) {
    const context = await stack.browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      // The API's 410 for a closed link is an answer the page expects; Chromium logs it anyway.
      const expected = /status of 410 \(Gone\)/.test(message.text());
      if (message.type() === "error" && !expected) errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(link.url);
    return { page, errors };
  }

  async function expectAccessible(page: Page, where: string) {
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map(
        (violation) => `${where}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target).join(", ")}`,
      ),
    ).toEqual([]);
  }

  beforeAll(async () => {
    stack = await startStack();
    // A shop name worth a screenshot.
    expect((await api("PATCH", "/merchant", { name: "Chai & Co." })).status).toBe(200);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stack?.close();
  });

  it("pays a link with 4111…: the receipt view, the link paid through the API, then the paid page", async () => {
    const link = await createLink();
    expect(link.url).toBe(`${stack.checkout.url}/l/${link.id}`);
    const { page, errors } = await openLink(link);
    await page.getByRole("heading", { level: 1, name: "Chai & Co." }).waitFor();
    expect(await page.getByText("Darjeeling first flush, 250 g").isVisible()).toBe(true);
    expect(await page.getByRole("complementary", { name: "Test mode" }).isVisible()).toBe(true);
    await expectAccessible(page, "form");

    // The modal's form, labels and formatting.
    await page.getByLabel("Card number").pressSequentially("4111111111111111");
    expect(await page.getByLabel("Card number").inputValue()).toBe("4111 1111 1111 1111");
    await page.getByLabel("Expiry (MM/YY)").pressSequentially("1234");
    await page.getByLabel("CVV").fill("123");
    await page.getByLabel("Name on card").fill("Asha Rao");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL("payment-link.png", ARTIFACTS).pathname, fullPage: true });
    if (DOCS_SCREENSHOT) {
      await page.screenshot({ path: new URL("../../../../docs/payment-link.png", import.meta.url).pathname, fullPage: true });
    }
    await page.getByRole("button", { name: "Pay ₹250.00" }).click();

    await page.getByRole("heading", { name: "Payment successful" }).waitFor({ timeout: 20_000 });
    const receipt = await page.locator(".status.success").textContent();
    expect(receipt).toContain("₹250.00");
    const paymentId = /pay_[A-Za-z0-9]+/.exec(receipt ?? "")?.[0];
    expect(paymentId).toBeDefined();
    await page.screenshot({ path: new URL("payment-link-success.png", ARTIFACTS).pathname, fullPage: true });

    const paid = await api<PaymentLink>("GET", `/payment_links/${link.id}`);
    expect(paid.data).toMatchObject({ status: "paid" });
    expect(paid.data.paid_at).not.toBeNull();
    expect(await stack.getPayment(paymentId as string)).toMatchObject({ status: "captured", order_id: link.order_id });

    // Opened again, the link says it has been paid, with its receipt view.
    await page.reload();
    await page.getByRole("heading", { name: "This link has been paid" }).waitFor();
    expect(await page.getByText(`Payment ID ${paymentId}`).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: /^Pay / }).count()).toBe(0);
    await expectAccessible(page, "paid");
    expect(errors).toEqual([]);
  });

  it("an expired link (the test clock moved past expire_by) says so and offers no form", async () => {
    const { data: clock } = await api<{ now: string }>("GET", "/test/clock");
    const link = await createLink({ expire_by: new Date(Date.parse(clock.now) + 60_000).toISOString() });
    expect((await api("POST", "/test/clock/advance", { seconds: 120 })).status).toBe(200);
    const { page, errors } = await openLink(link);
    await page.getByRole("heading", { name: "This link has expired" }).waitFor();
    expect(await page.getByRole("heading", { level: 1, name: "Chai & Co." }).isVisible()).toBe(true);
    expect(await page.getByLabel("Card number").count()).toBe(0);
    await expectAccessible(page, "expired");
    expect(errors).toEqual([]);
  });

  it("a cancelled link and an unknown one say so", async () => {
    const link = await createLink();
    expect((await api("POST", `/payment_links/${link.id}/cancel`)).status).toBe(200);
    const cancelled = await openLink(link);
    await cancelled.page.getByRole("heading", { name: "This link was cancelled" }).waitFor();
    const unknown = await openLink({ url: `${stack.checkout.url}/l/plink_doesnotexist00` });
    await unknown.page.getByRole("alert").filter({ hasText: "This payment link does not exist" }).waitFor();
  });

  it("is usable on a phone-sized screen: the form fills the width", async () => {
    const link = await createLink({ amount: 9_900 });
    const { page } = await openLink(link, { width: 375, height: 740 });
    await page.getByRole("button", { name: "Pay ₹99.00" }).waitFor();
    const box = await page.locator(".checkout").boundingBox();
    expect(box?.width).toBe(375);
    await expectAccessible(page, "phone");
  });
});
