import { freePort } from "@paygate/api/testing";
import { type CheckoutServer, startCheckoutServer } from "@paygate/checkout";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { eventually, type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./support/api.js";
import { launchChromium, waitForText } from "./support/browser.js";
import { ADMIN, newEmail } from "./support/shopper.js";

/**
 * The whole product in a real browser: register → cart → Pay → card in the checkout iframe → the
 * shop shows "paid" only once the verified webhook arrived → the admin (another browser context,
 * so another session) confirms, ships with tracking, marks delivered, then refunds → "refunded"
 * after refund.processed, on both pages. Three origins on
 * loopback: API, checkout and shop.
 */
let api: RunningApi;
let checkout: CheckoutServer;
let shop: RunningMerchant;
let browser: Browser;
let page: Page;
let adminPage: Page;
const webhookTypes: string[] = [];
const artifacts = new URL("../artifacts/", import.meta.url);

beforeAll(async () => {
  // Each side must know another's address before it starts, so the ports are chosen first.
  const [apiPort, shopPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  checkout = await startCheckoutServer({ port: 0, host: "127.0.0.1", apiUrl, testMode: true });
  api = await startApi(
    {
      TEST_PROCESSING_DELAY: "200",
      CHECKOUT_URL: checkout.url,
      API_URL: apiUrl,
      TEST_WEBHOOK_URL: `http://127.0.0.1:${shopPort}/webhooks/paygate`,
    },
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
    onWebhook: (event) => webhookTypes.push(event.type),
    admin: ADMIN,
  });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  adminPage = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  if (page) await page.screenshot({ path: new URL("journey-final.png", artifacts).pathname }).catch(() => {});
  if (adminPage) await adminPage.screenshot({ path: new URL("journey-admin.png", artifacts).pathname }).catch(() => {});
  await browser?.close();
  await shop?.close();
  await checkout?.close();
  await api?.close();
});

describe("shop journey in Chromium", () => {
  it("registers, pays with 4242…, shows paid from the webhook; the admin fulfils, then refunds", async () => {
    // Anonymous visitors may browse and fill a cart; buying needs an account.
    await page.goto(shop.url);
    await page.getByRole("button", { name: "Add Masala chai (250 g) to cart" }).click();
    await page.getByRole("button", { name: "Add Jaggery cookies to cart" }).click();
    await waitForText(page.locator("#cart-total"), /₹548\.50/);
    await page.getByRole("link", { name: "Log in to buy" }).click();

    const email = newEmail();
    await page.locator("#register").getByLabel("Email").fill(email);
    await page.locator("#register").getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.waitForURL(`${shop.url}/`);
    await waitForText(page.locator("header"), new RegExp(`Signed in as ${email}`));
    // The cart survived the detour through the login page.
    await waitForText(page.locator("#cart-total"), /₹548\.50/);
    await page.getByRole("button", { name: "Pay", exact: true }).click();

    const frame = page.frameLocator('iframe[title="Secure checkout"]');
    await frame.getByLabel("Card number").fill("4242 4242 4242 4242");
    await frame.getByLabel("Expiry (MM/YY)").fill("12/34");
    await frame.getByLabel("CVV").fill("123");
    await frame.getByRole("button", { name: /^Pay ₹548\.50$/ }).click();

    const status = page.locator("tr[data-order-id] [data-testid=order-status]").first();
    await waitForText(status, /^paid/, 30_000);
    // "paid" is written only by the webhook handler, and the webhook it came from was verified.
    expect(webhookTypes).toEqual(expect.arrayContaining(["payment.captured", "order.paid"]));
    // onSuccess reached the shop's server with a signature that verified against its order.
    const orderId = await page.locator("tr[data-order-id]").first().getAttribute("data-order-id");
    const verified = () =>
      page.evaluate(async (id) => (await (await fetch(`/api/orders/${id}`)).json()).payment_verified === true, orderId);
    expect(await eventually(async () => (await verified()) || undefined)).toBe(true);
    await page.locator('iframe[title="Secure checkout"]').waitFor({ state: "detached", timeout: 10_000 });
    // Shoppers get no refund button: refunds are the admin's.
    expect(await page.getByRole("button", { name: /^Refund/ }).count()).toBe(0);

    // The admin logs in (the login page sends them on to /admin).
    await adminPage.goto(`${shop.url}/admin`);
    await adminPage.waitForURL(/\/login\?next=\/admin$/);
    await adminPage.locator("#login").getByLabel("Email").fill(ADMIN.email);
    await adminPage.locator("#login").getByLabel("Password").fill(ADMIN.password);
    await adminPage.locator("#login").getByRole("button", { name: "Log in" }).click();
    await adminPage.waitForURL(`${shop.url}/admin`);
    const row = adminPage.locator(`tr[data-order-id="${orderId}"]`);
    await waitForText(row.locator("td").nth(1), new RegExp(email));
    const rowStatus = row.locator("[data-testid=order-status]");
    await waitForText(rowStatus, /^paid/);

    // Fulfilment: confirm → ship with tracking → delivered; the shopper's page follows each step.
    await adminPage.getByRole("button", { name: `Confirm ${orderId}` }).click();
    await waitForText(rowStatus, /^confirmed/);
    await row.getByLabel("Tracking number").fill("IN123456789");
    await row.getByLabel("Tracking URL (https)").fill("https://track.example/IN123456789");
    await adminPage.getByRole("button", { name: `Ship ${orderId}` }).click();
    await waitForText(rowStatus, /^shipped/);
    await waitForText(status, /^shipped/);
    const track = page.getByRole("link", { name: "Track IN123456789" });
    expect(await track.getAttribute("href")).toBe("https://track.example/IN123456789");
    await adminPage.getByRole("button", { name: `Mark ${orderId} delivered` }).click();
    await waitForText(rowStatus, /^delivered/);
    await waitForText(status, /^delivered/);
    await row.getByText(/^History/).click();
    await waitForText(row.locator("details ol"), /delivered — admin@chai\.test/);

    // A refund after delivery (a return): PayGate refunds, its webhook marks the order refunded.
    await adminPage.getByRole("button", { name: `Refund ${orderId}` }).click();
    await waitForText(rowStatus, /^refunded/, 30_000);

    // The shopper's page follows the webhook too.
    await waitForText(status, /^refunded/, 30_000);
    expect(webhookTypes).toContain("refund.processed");
    const events = await page.locator("tr[data-order-id] td:nth-child(5)").first().textContent();
    expect(events).toMatch(/order\.paid.*refund\.processed/);

    // Logging out ends the session: the orders API now refuses this browser.
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${shop.url}/login`);
    expect(await page.evaluate(async () => (await fetch("/api/orders")).status)).toBe(401);
  }, 120_000);
});
