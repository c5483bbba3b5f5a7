import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createRuntime, parseEnv, type Runtime } from "@paygate/api";
import { type Browser, type BrowserContext, chromium, type FrameLocator, type Page } from "playwright-core";
import { onTestFailed } from "vitest";
import { type CheckoutServer, startCheckoutServer } from "../../server/index.js";
import { type StaticSite, startMerchantSite } from "./merchant-site.js";

export const TEST_KEY = "key_test_abc123";
export const TEST_SECRET = "secret_test_xyz789";
export const ARTIFACTS = new URL("../../artifacts/", import.meta.url);

const merchantAuth = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" };

/**
 * Three real origins on loopback, as SPEC §10 needs: the API (in-process), the checkout server
 * and a merchant page, each on its own port, plus one Chromium. One stack per test file.
 */
export interface Stack {
  apiUrl: string;
  checkout: CheckoutServer;
  merchant: StaticSite;
  /** Another origin again, for forged messages. */
  other: StaticSite;
  browser: Browser;
  createOrder(amount?: number): Promise<string>;
  getPayment(paymentId: string): Promise<{ status: string; order_id: string } & Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * `apiHost`: the host name the checkout calls the API by; `configuredCheckoutHost`: the one in
 * the API's CHECKOUT_URL. Both default to 127.0.0.1, where everything listens; the CORS test
 * makes them differ from the host the page loads the checkout from. `env` overrides the API's.
 */
export async function startStack(
  options: { apiHost?: string; configuredCheckoutHost?: string; env?: Record<string, string> } = {},
): Promise<Stack> {
  // The API must know the checkout origin (CORS) and the checkout the API URL (CSP), so the
  // API's port is bound first and the app plugged in once the checkout is up.
  let runtime: Runtime | undefined;
  let apiServer: ReturnType<typeof serve> | undefined;
  const apiPort = await new Promise<number>((resolve) => {
    apiServer = serve(
      {
        fetch: (request) => (runtime ? runtime.app.fetch(request) : new Response("starting", { status: 503 })),
        port: 0,
        hostname: "127.0.0.1",
      },
      (info: AddressInfo) => resolve(info.port),
    );
  });
  const apiUrl = `http://${options.apiHost ?? "127.0.0.1"}:${apiPort}`;
  const checkout = await startCheckoutServer({ port: 0, host: "127.0.0.1", apiUrl, testMode: true });
  runtime = await createRuntime(
    parseEnv({
      TEST_MODE: "true",
      TEST_PROCESSING_DELAY: "300",
      // Netbanking and wallets have no magic values: make their outcome certain.
      TEST_PAYMENT_SUCCESS: "true",
      LOG_LEVEL: "silent",
      RATE_LIMIT_API_PER_MIN: "100000",
      RATE_LIMIT_AUTH_PER_MIN: "100000",
      CHECKOUT_URL: options.configuredCheckoutHost
        ? checkout.url.replace("127.0.0.1", options.configuredCheckoutHost)
        : checkout.url,
      API_URL: apiUrl,
      ...options.env,
    }),
  );
  const merchant = await startMerchantSite(checkout.url);
  const other = await startMerchantSite(checkout.url);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-quic",
      "--disable-sync",
    ],
  });

  return {
    apiUrl,
    checkout,
    merchant,
    other,
    browser,
    async createOrder(amount = 50000) {
      const response = await fetch(`${apiUrl}/api/v1/orders`, {
        method: "POST",
        headers: merchantAuth,
        body: JSON.stringify({ amount, currency: "INR", receipt: "e2e" }),
      });
      if (response.status !== 201) throw new Error(`order: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { data: { id: string } }).data.id;
    },
    async getPayment(paymentId) {
      const response = await fetch(`${apiUrl}/api/v1/payments/${paymentId}`, { headers: merchantAuth });
      return ((await response.json()) as { data: { status: string; order_id: string } & Record<string, unknown> }).data;
    },
    async close() {
      await browser.close();
      await Promise.all([checkout.close(), merchant.close(), other.close()]);
      await new Promise((resolve) => apiServer?.close(resolve));
      await runtime?.close();
    },
  };
}

export type LogEntry = [string, unknown?];

export interface MerchantTab {
  context: BrowserContext;
  page: Page;
  /** The checkout iframe's content. */
  frame: FrameLocator;
  /** Console errors from any frame (a CSP violation shows up here). */
  errors: string[];
  log(): Promise<LogEntry[]>;
  /** Waits until `window.log` has an entry named `name` and returns its payload. */
  waitForLog(name: string, count?: number): Promise<unknown>;
  /** Opens the checkout for `orderId` by clicking the merchant's "Pay now" button. */
  open(orderId: string): Promise<void>;
}

export async function openMerchantTab(stack: Stack, viewport = { width: 1024, height: 800 }): Promise<MerchantTab> {
  const context = await stack.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(stack.merchant.url);
  const log = () => page.evaluate(() => (window as unknown as { log: LogEntry[] }).log);
  // What CI needs to tell a slow machine from a broken checkout.
  onTestFailed(async ({ task }) => {
    const name = `failed-${task.name.replace(/\W+/g, "-").slice(0, 60)}`;
    console.error(
      `${task.name}: merchant log ${JSON.stringify(await log().catch(() => "unavailable"))}; console errors ${JSON.stringify(errors)}; screenshot artifacts/${name}.png`,
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname }).catch(() => {});
  });
  return {
    context,
    page,
    frame: page.frameLocator('iframe[title="Secure checkout"]'),
    errors,
    log,
    async waitForLog(name, count = 1) {
      await page.waitForFunction(
        ([wanted, times]) => (window as unknown as { log: LogEntry[] }).log.filter(([entry]) => entry === wanted).length >= times,
        [name, count] as const,
        { timeout: 20_000 },
      );
      return (await log()).filter(([entry]) => entry === name)[count - 1]?.[1];
    },
    async open(orderId) {
      await page.evaluate((id) => Object.assign(window, { nextOrderId: id }), orderId);
      await page.getByRole("button", { name: "Pay now" }).click();
      await page.frameLocator('iframe[title="Secure checkout"]').getByRole("heading", { name: "Test Shop" }).waitFor();
    },
  };
}

/** Fills the card form the way a shopper types it. */
export async function fillCard(frame: FrameLocator, number: string, { expiry = "12/34", cvv = "123" } = {}) {
  const field = frame.getByLabel("Card number");
  await field.fill("");
  await field.pressSequentially(number.replace(/\s/g, ""));
  await frame.getByLabel("Expiry (MM/YY)").fill(expiry);
  await frame.getByLabel("CVV").fill(cvv);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.locator('iframe[title="Secure checkout"]').screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname });
}
