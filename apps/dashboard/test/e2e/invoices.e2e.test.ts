import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./stack.js";

const ARTIFACTS = fileURLToPath(new URL("../../artifacts/", import.meta.url));
const MERCHANT = { name: "Invoice Test Studio", email: `studio-${Date.now()}@example.test`, password: "studio-password-1" };

describe("invoices in the dashboard (SPEC §14)", () => {
  let stack: Stack;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startStack();
    page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function merchantCall(path: string, key: string, secret: string, body?: unknown) {
    const response = await fetch(`${stack.apiUrl}/api/v1${path}`, {
      method: "POST",
      headers: { "X-Api-Key": key, "X-Api-Secret": secret, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { data: { id: string; number: string | null } }).data;
  }

  it("lists invoices; a sent invoice's detail shows its lines, totals, PDF and the email sent for it", async () => {
    const registered = await fetch(`${stack.apiUrl}/api/v1/auth/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(MERCHANT),
    });
    expect(registered.status).toBe(201);
    const { api_key: key, api_secret: secret } = (await registered.json()).data as { api_key: string; api_secret: string };
    const draft = await merchantCall("/invoices", key, secret, {
      customer: { name: "Asha Rao", email: "asha@example.com" },
      line_items: [
        { name: "Logo design", quantity: 1, unit_amount: 1_200_000 },
        { name: "Business cards (box of 100)", quantity: 3, unit_amount: 45_000 },
      ],
      tax_bps: 1800,
    });
    const sent = await merchantCall(`/invoices/${draft.id}/send`, key, secret);
    // A second, unsent invoice: a draft has no email, so the emails shown are the sent one's only.
    await merchantCall("/invoices", key, secret, {
      customer: { name: "Ravi Iyer", email: "ravi@example.com" },
      line_items: [{ name: "Consulting", quantity: 2, unit_amount: 10_000 }],
    });

    await page.goto(stack.dashboard.url);
    await page.getByLabel("Email").fill(MERCHANT.email);
    await page.getByLabel("Password").fill(MERCHANT.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();

    await page.getByRole("link", { name: "Invoices" }).click();
    await page.getByRole("heading", { name: "Invoices" }).waitFor();
    const row = page.locator(`tr[data-invoice="${sent.id}"]`);
    await row.getByRole("link", { name: sent.number ?? "" }).waitFor();
    expect(await row.textContent()).toContain("Asha Rao");
    expect(await row.textContent()).toContain("₹15,753.00");
    expect(await row.textContent()).toContain("sent");
    expect(await page.locator("tbody tr").count()).toBe(2);

    await row.getByRole("link", { name: sent.number ?? "" }).click();
    await page.getByRole("heading", { name: `Invoice ${sent.number}` }).waitFor();
    const lines = page.getByRole("table", { name: "Line items" });
    await lines.getByRole("row", { name: /Business cards \(box of 100\) 3 ₹450\.00 ₹1,350\.00/ }).waitFor();
    const totals = (await page.getByLabel("Totals").textContent()) ?? "";
    expect(totals).toContain("Subtotal₹13,350.00");
    expect(totals).toContain("Tax (18%)₹2,403.00");
    expect(totals).toContain("Total₹15,753.00");

    const emails = page.getByRole("table", { name: "Emails" });
    await emails.waitFor();
    expect(await emails.locator("tbody tr").count()).toBe(1);
    const email = (await emails.locator("tbody tr").textContent()) ?? "";
    expect(email).toContain("asha@example.com");
    expect(email).toContain(sent.number ?? "");
    expect(email).toContain("invoice sent");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${sent.number}.pdf`);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString()).toBe("%PDF-");
    await page.screenshot({ path: `${ARTIFACTS}invoice-detail.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
