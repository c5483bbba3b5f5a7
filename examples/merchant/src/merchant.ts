import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { WebhookEvent } from "@paygate/contracts";
import { createPayGateClient } from "@paygate/node";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { loadUser, type ShopEnv, sameOriginOnly } from "./auth/middleware.js";
import { ensureAdmin } from "./auth/users.js";
import { openShopDatabase } from "./db.js";
import { adminApiRoutes } from "./routes/admin-api.js";
import { authRoutes } from "./routes/auth.js";
import { pageRoutes } from "./routes/page.js";
import { shopApiRoutes } from "./routes/shop-api.js";
import { subscriptionRoutes } from "./routes/subscriptions.js";
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
  /** The shop's admin account, created (or its password reset) at start; without it nobody can refund. */
  admin?: { email: string; password: string };
  /**
   * The URL shoppers use, when it differs from the listening one (behind a proxy). An https URL
   * makes the session cookie `Secure`; its origin is the one state-changing requests must come from.
   */
  publicUrl?: string;
  /** Called after a new (not replayed) webhook was applied. */
  onWebhook?: (event: WebhookEvent) => void;
}

export interface RunningMerchant {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the example shop: its pages, its JSON API (shopper and admin accounts with cookie
 * sessions), its PayGate webhook receiver and its own database.
 * @example const shop = await startMerchant({ port: 4000, apiUrl, checkoutUrl, apiKey, apiSecret, webhookSecret });
 */
export async function startMerchant(options: MerchantOptions): Promise<RunningMerchant> {
  const database = await openShopDatabase(options.dataDir);
  if (options.admin) await ensureAdmin(database.db, options.admin);
  const paygate = createPayGateClient({ apiKey: options.apiKey, apiSecret: options.apiSecret, apiUrl: options.apiUrl });
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  const cookies = { secure: publicOrigin?.startsWith("https:") ?? false };

  const app = new Hono<ShopEnv>();
  app.use("*", loadUser(database.db));
  // The webhook receiver is outside /api: PayGate is not a browser, and its signature is the proof.
  app.use("/api/*", sameOriginOnly(publicOrigin));
  app.route("/", pageRoutes({ checkoutUrl: options.checkoutUrl, apiKey: options.apiKey }));
  app.route("/", authRoutes({ db: database.db, cookies }));
  app.route("/", shopApiRoutes({ db: database.db, paygate, apiSecret: options.apiSecret }));
  app.route("/", adminApiRoutes({ db: database.db, paygate }));
  app.route("/", subscriptionRoutes({ db: database.db, paygate, apiSecret: options.apiSecret }));
  app.route(
    "/",
    webhookRoutes({
      db: database.db,
      webhookSecret: options.webhookSecret,
      paygate,
      ...(options.onWebhook ? { onApplied: options.onWebhook } : {}),
    }),
  );
  app.get("/health", (c) => c.json({ ok: true }));
  app.onError((error, c) => {
    if (error instanceof HTTPException)
      return c.json({ error: { type: "http_error", description: error.message } }, error.status);
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
