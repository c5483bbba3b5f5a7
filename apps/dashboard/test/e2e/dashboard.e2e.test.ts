import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, payAnOrder, type Stack, startStack } from "./stack.js";

const ARTIFACTS = fileURLToPath(new URL("../../artifacts/", import.meta.url));
const MERCHANT = { name: "Dashboard Test Shop", email: `shop-${Date.now()}@example.test`, password: "shop-password-1" };

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

const cardValue = (page: Page, label: string) =>
  page
    .locator(".card", { has: page.getByText(label, { exact: true }) })
    .locator("dd")
    .textContent();

describe("dashboard in Chromium against the real API", () => {
  let stack: Stack;
  let page: Page;
  // CSP violations and uncaught errors end up here; the page must produce none.
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startStack();
    page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("signs up, sees a payment, refunds it, reads webhooks; the admin sees the merchant", async () => {
    await page.goto(stack.dashboard.url);
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByLabel("Business name").fill(MERCHANT.name);
    await page.getByLabel("Email").fill(MERCHANT.email);
    await page.getByLabel("Password").fill(MERCHANT.password);
    await page.getByRole("button", { name: "Sign up" }).click();

    // The secrets are shown once, right after sign-up.
    await page.getByRole("heading", { name: "Your API credentials" }).waitFor();
    const key = (await page.getByTestId("API key").textContent()) ?? "";
    const secret = (await page.getByTestId("API secret").textContent()) ?? "";
    expect(key).toMatch(/^key_test_/);
    expect(secret).toMatch(/^secret_test_/);
    const webhookSecret = (await page.getByTestId("Webhook secret").textContent()) ?? "";
    expect(webhookSecret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "I have saved them" }).click();

    // Point webhooks at a URL that answers 405 (the dashboard server), so deliveries are logged.
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Webhook URL").fill(`${stack.dashboard.url}/hooks`);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Settings saved.").waitFor();

    // The webhook secret is shown again on request, after a confirmation, and not changed.
    expect(await page.content()).not.toContain(webhookSecret);
    await page.getByRole("button", { name: "Reveal webhook secret" }).click();
    expect(await page.getByLabel("Webhook secret", { exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "Confirm: show the secret on screen" }).click();
    const revealed = page.getByLabel("Webhook secret", { exact: true });
    await revealed.waitFor();
    expect(await revealed.inputValue()).toBe(webhookSecret);
    await page.getByRole("button", { name: "Copy" }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}webhook-secret-revealed.png`, fullPage: true });
    await page.getByRole("button", { name: "Hide" }).click();
    expect(await page.getByLabel("Webhook secret", { exact: true }).count()).toBe(0);

    const paymentId = await payAnOrder(stack.apiUrl, key, secret);

    // A fresh login through the form (the refresh cookie is cleared by logging out).
    await page.getByRole("button", { name: "Log out" }).click();
    await logIn(page, MERCHANT.email, MERCHANT.password);
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await expect.poll(() => cardValue(page, "Successful payments")).toBe("1");
    expect(await cardValue(page, "Volume")).toBe("₹500.00");
    expect(await cardValue(page, "Success rate")).toBe("100%");

    // A reload keeps the session (refresh cookie → new access token).
    await page.reload();
    await page.getByRole("heading", { name: "Overview" }).waitFor();

    await page.getByRole("link", { name: "Payments" }).click();
    const row = page.locator(`tr[data-payment="${paymentId}"]`);
    await row.getByText("captured").waitFor();
    await row.getByRole("button", { name: "Refund" }).click();
    await row.getByRole("button", { name: "Confirm refund" }).click();
    await row.getByText("refunded", { exact: true }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${ARTIFACTS}payments-refunded.png`, fullPage: true });

    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { name: "Webhooks" }).waitFor();
    await page.getByRole("link", { name: "payment.captured" }).first().click();
    await page.getByRole("heading", { name: "Payload" }).waitFor();
    expect(await page.locator("pre").first().textContent()).toContain(paymentId);
    await page.getByRole("button", { name: "Retry" }).click();
    await page.getByText("Delivery queued again.").waitFor();
    await page.screenshot({ path: `${ARTIFACTS}webhook-detail.png`, fullPage: true });

    await page.getByRole("button", { name: "Log out" }).click();
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole("heading", { name: "Admin" }).waitFor();
    await page.getByRole("cell", { name: MERCHANT.email }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}admin.png`, fullPage: true });

    expect(problems).toEqual([]);
  });

  it("shows the API's error for a wrong password in a live region", async () => {
    const fresh = await stack.browser.newPage();
    await fresh.goto(stack.dashboard.url);
    await logIn(fresh, MERCHANT.email, "wrong-password");
    const alert = fresh.getByRole("alert");
    // The API's own wording, not just any text: an empty or generic alert must fail this.
    await expect.poll(() => alert.textContent()).toMatch(/Invalid email or password/);
    expect(await fresh.getByRole("heading", { name: "Log in to PayGate" }).count()).toBe(1);
    await fresh.close();
  });
});
