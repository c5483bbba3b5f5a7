import { parseEnv, startApiServer } from "@paygate/api";
import { freePort } from "@paygate/api/testing";
import { type Browser, chromium } from "playwright-core";
import { type DashboardServer, startDashboardServer } from "../../server/index.js";

export const ADMIN = { email: "admin@paygate.local", password: "admin-password-1" };

export interface Stack {
  apiUrl: string;
  dashboard: DashboardServer;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real API in-process and the dashboard server, both on 127.0.0.1 (different ports of one
 * host are same-site, so the SameSite=Strict refresh cookie flows), plus one Chromium.
 */
export async function startStack(): Promise<Stack> {
  const dashboardPort = await freePort();
  const api = await startApiServer(
    parseEnv({
      TEST_MODE: "true",
      TEST_PROCESSING_DELAY: "0",
      LOG_LEVEL: "silent",
      RATE_LIMIT_API_PER_MIN: "100000",
      RATE_LIMIT_AUTH_PER_MIN: "100000",
      DASHBOARD_URL: `http://127.0.0.1:${dashboardPort}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    }),
    { hostname: "127.0.0.1", port: 0 },
  );
  const dashboard = await startDashboardServer({ port: dashboardPort, host: "127.0.0.1", apiUrl: api.url });
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
    apiUrl: api.url,
    dashboard,
    browser,
    async close() {
      await browser.close();
      await dashboard.close();
      await api.close();
    },
  };
}

/** Creates an order and a successful card payment with the merchant's server credentials. */
export async function payAnOrder(apiUrl: string, key: string, secret: string, amount = 50000): Promise<string> {
  const headers = { "X-Api-Key": key, "X-Api-Secret": secret, "Content-Type": "application/json" };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${apiUrl}/api/v1${path}`, {
      method: "POST",
      headers: { ...headers, "Idempotency-Key": crypto.randomUUID() },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { data: { id: string } }).data.id;
  };
  const orderId = await post("/orders", { amount, currency: "INR", receipt: "dashboard-e2e" });
  const paymentId = await post("/payments", {
    order_id: orderId,
    method: "card",
    card: { number: "4242424242424242", expiry: "12/34", cvv: "123" },
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${apiUrl}/api/v1/payments/${paymentId}`, { headers });
    const { data } = (await response.json()) as { data: { status: string } };
    if (data.status === "captured") return paymentId;
    if (data.status === "failed") throw new Error(`payment ${paymentId} failed`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`payment ${paymentId} was not captured in time`);
}
