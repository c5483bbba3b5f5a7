import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Invoice } from "@paygate/contracts";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, type Stack, startStack, TEST_KEY, TEST_SECRET } from "./harness.js";

const merchantHeaders = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" };
/** Set to write the README's screenshot of the hosted invoice page (docs/invoice-page.png) too. */
const DOCS_SCREENSHOT = process.env.UPDATE_DOCS_SCREENSHOTS === "1";

describe("the hosted invoice page in a real browser", () => {
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

  async function sentInvoice(body: Record<string, unknown> = {}) {
    const draft = await api<Invoice>("POST", "/invoices", {
      customer: { name: "Asha Rao", email: "asha@example.com" },
      line_items: [
        { name: "Logo design", quantity: 1, unit_amount: 1_200_000 },
        { name: "Business cards (box of 100)", quantity: 3, unit_amount: 45_000 },
      ],
      tax_bps: 1800,
      due_date: "2099-06-30",
      notes: "Thank you for your business.",
      ...body,
    });
    expect(draft.status).toBe(201);
    const sent = await api<Invoice>("POST", `/invoices/${draft.data.id}/send`);
    expect(sent.status).toBe(200);
    return sent.data;
  }

  async function open(url: string, viewport = { width: 1024, height: 1000 }) {
    const context = await stack.browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      // A 404 for an unknown invoice is an answer the page expects; Chromium logs it anyway.
      const expected = /status of 404 \(Not Found\)/.test(message.text());
      if (message.type() === "error" && !expected) errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url);
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
    expect((await api("PATCH", "/merchant", { name: "Studio Rao" })).status).toBe(200);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stack?.close();
  });

  it("opening the invoice URL marks it viewed; paying with 4111… makes it paid", async () => {
    const invoice = await sentInvoice();
    expect(invoice.url).toBe(`${stack.checkout.url}/i/${invoice.id}`);
    expect(invoice.status).toBe("sent");
    const { page, errors } = await open(invoice.url ?? "");

    await page.getByRole("heading", { level: 1, name: "Studio Rao" }).waitFor();
    expect(await page.getByText(`Invoice ${invoice.number}`).isVisible()).toBe(true);
    const lines = page.getByRole("table", { name: "Items" });
    expect(await lines.getByRole("row", { name: /Business cards \(box of 100\) 3 ₹450\.00 ₹1,350\.00/ }).count()).toBe(1);
    expect(await lines.getByRole("row", { name: "Subtotal ₹13,350.00" }).count()).toBe(1);
    expect(await lines.getByRole("row", { name: "Tax (18%) ₹2,403.00" }).count()).toBe(1);
    expect(await lines.getByRole("row", { name: "Total ₹15,753.00" }).count()).toBe(1);
    expect(await page.getByText("Open", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText("30 Jun 2099").or(page.getByText("Jun 30, 2099")).count()).toBe(1);
    expect((await api<Invoice>("GET", `/invoices/${invoice.id}`)).data.status).toBe("viewed");

    // The modal's form, labels and formatting.
    await page.getByLabel("Card number").pressSequentially("4111111111111111");
    expect(await page.getByLabel("Card number").inputValue()).toBe("4111 1111 1111 1111");
    await page.getByLabel("Expiry (MM/YY)").pressSequentially("1234");
    await page.getByLabel("CVV").fill("123");
    expect(await page.getByLabel("Name on card").inputValue()).toBe("Asha Rao");
    // The invoice's discount is set when it is drafted: its page offers no promo code field.
    expect(await page.getByLabel("Promo code").count()).toBe(0);
    await expectAccessible(page, "form");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL("invoice-page.png", ARTIFACTS).pathname, fullPage: true });
    if (DOCS_SCREENSHOT) {
      await page.screenshot({ path: new URL("../../../../docs/invoice-page.png", import.meta.url).pathname, fullPage: true });
    }
    await page.getByRole("button", { name: "Pay ₹15,753.00" }).click();

    await page.getByRole("heading", { name: "Payment successful" }).waitFor({ timeout: 20_000 });
    // The details reload as paid beneath the success view.
    await page.locator(".invoice-status.paid").waitFor();
    const paid = await api<Invoice>("GET", `/invoices/${invoice.id}`);
    expect(paid.data).toMatchObject({ status: "paid", amount_paid: 1_575_300, amount_due: 0 });

    // Opened again: the paid view, no form.
    await page.reload();
    await page.getByRole("heading", { name: "This invoice has been paid" }).waitFor();
    expect(await page.getByRole("button", { name: /^Pay / }).count()).toBe(0);
    await expectAccessible(page, "paid");
    expect(errors).toEqual([]);
  });

  it("a cancelled invoice and an unknown one say so", async () => {
    const invoice = await sentInvoice();
    expect((await api("POST", `/invoices/${invoice.id}/cancel`)).status).toBe(200);
    const cancelled = await open(invoice.url ?? "");
    await cancelled.page.getByRole("heading", { name: "This invoice was cancelled" }).waitFor();
    expect(await cancelled.page.getByLabel("Card number").count()).toBe(0);
    const unknown = await open(`${stack.checkout.url}/i/inv_doesnotexist0000`);
    await unknown.page.getByRole("alert").filter({ hasText: "This invoice does not exist" }).waitFor();
  });

  it("is served never framed", async () => {
    const invoice = await sentInvoice();
    const response = await fetch(invoice.url ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});
