import { freePort } from "@paygate/api/testing";
import { type CheckoutServer, startCheckoutServer } from "@paygate/checkout";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";
import { launchChromium, waitForText } from "./support/browser.js";
import { newEmail } from "./support/shopper.js";

/**
 * The Chai club in a real browser: a shopper joins, pays the first month in PayGate's modal with
 * "Save this card for future payments" ticked, sees the membership with its next renewal, and
 * cancels it. (Renewals by the test clock are in subscriptions.test.ts.)
 */
let api: RunningApi;
let checkout: CheckoutServer;
let shop: RunningMerchant;
let browser: Browser;
let page: Page;
const artifacts = new URL("../artifacts/", import.meta.url);

beforeAll(async () => {
  const [apiPort, shopPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  checkout = await startCheckoutServer({ port: 0, host: "127.0.0.1", apiUrl, testMode: true });
  api = await startApi(
    { CHECKOUT_URL: checkout.url, API_URL: apiUrl, TEST_WEBHOOK_URL: `http://127.0.0.1:${shopPort}/webhooks/paygate` },
    apiPort,
  );
  shop = await startMerchant({
    port: shopPort,
    hostname: "127.0.0.1",
    apiUrl,
    checkoutUrl: checkout.url,
    apiKey: TEST_KEY,
    apiSecret: TEST_SECRET,
    webhookSecret: api.webhookSecret,
  });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  if (page) await page.screenshot({ path: new URL("club-final.png", artifacts).pathname, fullPage: true }).catch(() => {});
  await browser?.close();
  await shop?.close();
  await checkout?.close();
  await api?.close();
});

describe("Chai club in Chromium", () => {
  it("joins with a saved card, shows the next renewal, cancels", async () => {
    await page.goto(`${shop.url}/login`);
    await page.locator("#register").getByLabel("Email").fill(newEmail());
    await page.locator("#register").getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.waitForURL(`${shop.url}/`);

    await page.getByRole("button", { name: "Join the Chai club" }).click();
    const frame = page.frameLocator('iframe[title="Secure checkout"]');
    await frame.getByLabel("Card number").fill("4242 4242 4242 4242");
    await frame.getByLabel("Expiry (MM/YY)").fill("12/34");
    await frame.getByLabel("CVV").fill("123");
    // Offered because the shop's order carries the shopper's PayGate customer; unchecked by default.
    const save = frame.getByLabel("Save this card for future payments");
    expect(await save.isChecked()).toBe(false);
    await save.check();
    await frame.getByRole("button", { name: /^Pay ₹499\.00$/ }).click();

    const row = page.locator("#memberships tr").first();
    await waitForText(row, /active/, 30_000);
    await waitForText(page.locator("#club-message"), /Welcome to the Chai club/);
    const renewal = (await row.locator("td").nth(3).textContent()) ?? "";
    expect(renewal).toMatch(/\d{4}/); // a date, a month after the payment
    expect(await row.locator("td").nth(1).textContent()).toBe("₹499.00 / month");
    expect(await page.getByRole("button", { name: "Join the Chai club" }).isHidden()).toBe(true);

    await row.getByRole("button", { name: /^Cancel membership/ }).click();
    await waitForText(row, /cancelled/);
    await waitForText(page.locator("#club-message"), /no more charges/);
    expect(await page.getByRole("button", { name: "Join the Chai club" }).isVisible()).toBe(true);
  });
});
