import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { WebhookEvent } from "@paygate/contracts";
import { createPayGateClient } from "@paygate/node";
import { Hono } from "hono";
import { openShopDatabase } from "./db.js";
import { pageRoutes } from "./routes/page.js";
import { shopApiRoutes } from "./routes/shop-api.js";
import { webhookRoutes } from "./routes/webhooks.js";

export interface MerchantOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where this server reaches the PayGate API. */
  apiUrl: string;
  /** The checkout origin the shopper's browser loads `sdk.js` from. */
  checkoutUrl: string;
  apiKey: string;
  apiSecret: string;
  /** `whsec_…`: verifies `POST /webhooks/paygate`. */
  webhookSecret: string;
  /** PGlite directory; in memory when absent. */
  dataDir?: string;
  /** Interface to bind (default all, so containers are reachable). */
  hostname?: string;
  /** Called after a new (not replayed) webhook was applied. */
  onWebhook?: (event: WebhookEvent) => void;
}

export interface RunningMerchant {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the example shop: its page, its JSON API, its PayGate webhook receiver and its own
 * database.
 * @example const shop = await startMerchant({ port: 4000, apiUrl, checkoutUrl, apiKey, apiSecret, webhookSecret });
 */
export async function startMerchant(options: MerchantOptions): Promise<RunningMerchant> {
  const database = await openShopDatabase(options.dataDir);
  const paygate = createPayGateClient({ apiKey: options.apiKey, apiSecret: options.apiSecret, apiUrl: options.apiUrl });

  const app = new Hono();
  app.route("/", pageRoutes({ checkoutUrl: options.checkoutUrl, apiKey: options.apiKey }));
  app.route("/", shopApiRoutes({ db: database.db, paygate, apiSecret: options.apiSecret }));
  app.route(
    "/",
    webhookRoutes({
      db: database.db,
      webhookSecret: options.webhookSecret,
      ...(options.onWebhook ? { onApplied: options.onWebhook } : {}),
    }),
  );
  app.get("/health", (c) => c.json({ ok: true }));
  app.onError((error, c) => {
    console.error("[merchant] unhandled error", error);
    return c.json({ error: { type: "internal_error" } }, 500);
  });

  const hostname = options.hostname ?? "0.0.0.0";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port, hostname }, () => resolve(started));
    started.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
  return {
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
