import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { type PaymentEvent, paymentEventSchema } from "@paygate/contracts";
import { Webhook } from "standardwebhooks";
import { expect } from "vitest";
import { eventually, keyAuth, type MerchantCredentials, type TestApi } from "./helpers.js";

/** One request the receiver got. */
export interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the body had fully arrived. */
  at: number;
  webhookId: string;
  /** 1 for the first request carrying this `webhook-id` on this path, 2 for the next… */
  nth: number;
}

/** How to answer: a status (+ body/headers), optionally after a delay; "hold" never answers. */
export type Reply = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number } | "hold";

export interface Receiver {
  /** A URL on this receiver, on loopback (`host` picks how it is spelled: IP or `localhost`). */
  url(path: string, host?: string): string;
  /** Sets how `path` answers (default 200 "ok"). */
  on(path: string, reply: (hit: Hit) => Reply | Promise<Reply>): void;
  hits(path: string): Hit[];
  /** Resolves with the next hit on `path` (or an earlier one not yet awaited). */
  next(path: string, timeoutMs?: number): Promise<Hit>;
  close(): Promise<void>;
}

/** A real HTTP webhook receiver on 127.0.0.1, one route per path so tests stay apart. */
export async function startReceiver(): Promise<Receiver> {
  const replies = new Map<string, (hit: Hit) => Reply | Promise<Reply>>();
  const log = new Map<string, Hit[]>();
  const consumed = new Map<string, number>();
  const waiters = new Set<() => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const path = request.url ?? "/";
      const webhookId = String(request.headers["webhook-id"] ?? "");
      const hits = log.get(path) ?? [];
      const nth = hits.filter((hit) => hit.webhookId === webhookId).length + 1;
      const hit: Hit = {
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: performance.now(),
        webhookId,
        nth,
      };
      log.set(path, [...hits, hit]);
      for (const waiter of waiters) waiter();
      const reply: Reply = await (replies.get(path) ?? (() => ({ status: 200, body: "ok" })))(hit);
      if (reply === "hold") return;
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if (response.destroyed) return;
      response.writeHead(reply.status, reply.headers).end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path, host = "127.0.0.1") => `http://${host}:${port}${path}`,
    on: (path, reply) => void replies.set(path, reply),
    hits: (path) => log.get(path) ?? [],
    async next(path, timeoutMs = 30_000) {
      const index = consumed.get(path) ?? 0;
      const deadline = Date.now() + timeoutMs;
      while (!(log.get(path) ?? [])[index]) {
        if (Date.now() > deadline) throw new Error(`no webhook #${index + 1} on ${path} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, 100);
          function done() {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          }
          waiters.add(done);
        });
      }
      consumed.set(path, index + 1);
      return (log.get(path) ?? [])[index] as Hit;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Checks a hit the way a merchant would: the official `standardwebhooks` library against
 * `secret`, and `X-Webhook-Signature` as hex HMAC-SHA256 keyed by the secret string. Returns the
 * payment event, parsed with the contracts schema.
 */
export function verifyHit(hit: Hit, secret: string, legacySecret: string = secret): PaymentEvent {
  const headers = {
    "webhook-id": String(hit.headers["webhook-id"]),
    "webhook-timestamp": String(hit.headers["webhook-timestamp"]),
    "webhook-signature": String(hit.headers["webhook-signature"]),
  };
  new Webhook(secret).verify(hit.body, headers);
  const expected = createHmac("sha256", legacySecret).update(hit.body).digest();
  const given = Buffer.from(String(hit.headers["x-webhook-signature"]), "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new Error("X-Webhook-Signature does not verify");
  expect(hit.headers["content-type"]).toBe("application/json");
  expect(hit.headers["user-agent"]).toBe("PayGate-Webhooks/1");
  const event = paymentEventSchema.parse(JSON.parse(hit.body));
  expect(event.id).toBe(hit.webhookId);
  return event;
}

export async function setWebhookUrl(api: TestApi, merchant: MerchantCredentials, url: string | null) {
  const response = await api.request("/api/v1/merchant", {
    method: "PATCH",
    auth: keyAuth(merchant),
    json: { webhook_url: url },
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Creates an order and a card payment on it; the workers process it (TEST_PROCESSING_DELAY=0). */
export async function pay(
  api: TestApi,
  merchant: MerchantCredentials,
  options: { card?: string; capture?: "automatic" | "manual"; amount?: number } = {},
) {
  const auth = keyAuth(merchant);
  const orderResponse = await api.request("/api/v1/orders", { method: "POST", auth, json: { amount: options.amount ?? 50_000 } });
  expect(orderResponse.status).toBe(201);
  const order = (await orderResponse.json()).data as { id: string };
  const response = await api.request("/api/v1/payments", {
    method: "POST",
    auth,
    json: {
      order_id: order.id,
      method: "card",
      card: { number: options.card ?? "4111111111111111", expiry: "12/34", cvv: "123" },
      ...(options.capture ? { capture: options.capture } : {}),
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return { orderId: order.id, paymentId: (await response.json()).data.id as string };
}

/** A payment that fails at once (magic declined card): exactly one event, `payment.failed`. */
export async function failedPayment(api: TestApi, merchant: MerchantCredentials) {
  return pay(api, merchant, { card: "4000000000000002" });
}

export async function getJson(api: TestApi, merchant: MerchantCredentials, path: string) {
  const response = await api.request(path, { auth: keyAuth(merchant) });
  return { status: response.status, body: await response.json() };
}

/** The merchant's only delivery once `accept` holds for it (default: any). */
export async function onlyDelivery(
  api: TestApi,
  merchant: MerchantCredentials,
  accept: (delivery: Record<string, unknown>) => boolean = () => true,
  timeoutMs = 30_000,
) {
  return eventually(async () => {
    const { body } = await getJson(api, merchant, "/api/v1/webhooks");
    const [delivery, extra] = body.data.items as Record<string, unknown>[];
    if (extra) throw new Error(`expected one delivery, got ${body.data.items.length}`);
    return delivery && accept(delivery) ? delivery : undefined;
  }, timeoutMs);
}

/** `GET /webhooks/:id`: the delivery with its payload and attempt log. */
export async function deliveryDetail(api: TestApi, merchant: MerchantCredentials, id: unknown) {
  const { status, body } = await getJson(api, merchant, `/api/v1/webhooks/${String(id)}`);
  expect(status).toBe(200);
  return body.data as {
    status: string;
    attempts: number;
    url: string;
    event_id: string;
    next_retry_at: string | null;
    last_attempt_at: string | null;
    response_code: number | null;
    payload: Record<string, unknown>;
    attempt_log: {
      attempt: number;
      response_code: number | null;
      duration_ms: number;
      error: string | null;
      response_body: string | null;
    }[];
  };
}
