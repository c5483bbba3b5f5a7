import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPayGateClient, type PayGateClient, type Payment } from "../src/index.js";
import { TEST_KEY, TEST_SECRET } from "./api-server.js";
import { type Child, freePort, startTsx, waitForHealth } from "./processes.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

/**
 * Two API processes and two worker processes on one Postgres: every payment reaches one terminal
 * state once, and every event reaches the merchant at least once. Needs a real server, so CI
 * sets TEST_DATABASE_URL; this test makes and drops its own database on that server.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) console.warn("[multi-process] skipped: set TEST_DATABASE_URL=postgres://… to run it against Postgres");

const PAYMENTS = 200;
const DECLINED_EVERY = 5; // every 5th payment uses the decline card, so both terminal states occur
const apiDir = resolve(dirname(createRequire(import.meta.url).resolve("@paygate/api")), "..");

let databaseName = "";
let databaseUrl = "";
let receiver: WebhookReceiver;
const children: Child[] = [];
const clients: PayGateClient[] = [];

async function withSql<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** Runs `task` for 0..count-1 with at most `limit` in flight. */
async function pool<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

async function listAll<T>(page: (offset: number) => Promise<{ items: T[]; has_more: boolean }>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < 10_000; offset += 100) {
    const { items, has_more } = await page(offset);
    all.push(...items);
    if (!has_more) break;
  }
  return all;
}

describe.skipIf(!adminUrl)("API and workers as separate processes on Postgres", () => {
  beforeAll(async () => {
    databaseName = `paygate_mp_${randomBytes(6).toString("hex")}`;
    await withSql(adminUrl ?? "", (sql) => sql.unsafe(`create database ${databaseName}`));
    const url = new URL(adminUrl ?? "");
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();

    let webhookSecret = "";
    receiver = await startWebhookReceiver(() => webhookSecret);
    const env = {
      DATABASE_URL: databaseUrl,
      TEST_MODE: "true",
      TEST_PROCESSING_DELAY: "50",
      TEST_WEBHOOK_URL: receiver.url,
      WORKERS: "off",
      LOG_LEVEL: "warn",
      RATE_LIMIT_API_PER_MIN: "100000",
      RATE_LIMIT_AUTH_PER_MIN: "100000",
    };
    const ports = [await freePort(), await freePort()];
    for (const [index, port] of ports.entries()) {
      children.push(startTsx(`api${index + 1}`, apiDir, "src/main.ts", { ...env, PORT: String(port) }));
    }
    for (const index of [1, 2]) children.push(startTsx(`worker${index}`, apiDir, "src/worker-main.ts", env));
    for (const [index, port] of ports.entries()) {
      const child = children[index];
      if (!child) throw new Error("missing child");
      await waitForHealth(`http://127.0.0.1:${port}/health`, child);
      clients.push(createPayGateClient({ apiKey: TEST_KEY, apiSecret: TEST_SECRET, apiUrl: `http://127.0.0.1:${port}` }));
    }
    const merchant = await fetch(`http://127.0.0.1:${ports[0]}/api/v1/test/merchant`);
    webhookSecret = ((await merchant.json()) as { data: { webhook_secret: string } }).data.webhook_secret;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    await receiver?.close();
    if (databaseName) await withSql(adminUrl ?? "", (sql) => sql.unsafe(`drop database if exists ${databaseName} with (force)`));
  });

  it(`settles ${PAYMENTS} payments exactly once and delivers every webhook`, async () => {
    const created = await pool(PAYMENTS, 16, async (index) => {
      const client = clients[index % clients.length];
      if (!client) throw new Error("no client");
      const order = await client.orders.create({ amount: 1000 + index }, { idempotencyKey: `mp-order-${index}` });
      const number = index % DECLINED_EVERY === 0 ? "4000000000000002" : "4242424242424242";
      return client.payments.create(
        { order_id: order.id, method: "card", card: { number, expiry: "12/34", cvv: "123" } },
        { idempotencyKey: `mp-pay-${index}` },
      );
    });
    expect(new Set(created.map((p) => p.id)).size).toBe(PAYMENTS);

    const [first] = clients;
    if (!first) throw new Error("no client");
    let settled: Payment[] = [];
    for (let round = 0; round < 300; round++) {
      settled = await listAll((offset) => first.payments.list({ limit: 100, offset }));
      if (settled.every((p) => p.status === "captured" || p.status === "failed")) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(settled).toHaveLength(PAYMENTS);
    const failedIds = new Set(settled.filter((p) => p.status === "failed").map((p) => p.id));
    expect(failedIds.size).toBe(PAYMENTS / DECLINED_EVERY);
    expect(settled.filter((p) => p.status === "captured")).toHaveLength(PAYMENTS - failedIds.size);

    // Success emits authorized + captured + order.paid; a decline emits payment.failed.
    const expectedEvents = (PAYMENTS - failedIds.size) * 3 + failedIds.size;
    for (let round = 0; round < 300; round++) {
      if (new Set(receiver.received.map((r) => r.webhookId)).size >= expectedEvents) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(receiver.rejected).toEqual([]);
    const distinct = new Map(receiver.received.map((r) => [r.webhookId, r.event]));
    expect(distinct.size).toBe(expectedEvents);

    for (const payment of settled) {
      const types = [...distinct.values()]
        .filter((e) => "payment" in e.data && e.data.payment?.id === payment.id)
        .map((e) => e.type)
        .sort();
      const expected = failedIds.has(payment.id) ? ["payment.failed"] : ["order.paid", "payment.authorized", "payment.captured"];
      expect(types, payment.id).toEqual(expected);
    }

    const deliveries = await listAll((offset) => first.webhooks.list({ limit: 100, offset }));
    expect(deliveries).toHaveLength(expectedEvents);
    expect(deliveries.filter((d) => d.status !== "success")).toEqual([]);
    expect(deliveries.every((d) => distinct.has(d.event_id))).toBe(true);

    // Both worker processes claimed jobs: the queue really was shared.
    const lockers = await withSql(
      databaseUrl,
      (sql) => sql<{ locked_by: string }[]>`select distinct locked_by from jobs where status = 'completed'`,
    );
    const workerPids = children.slice(2).map((child) => `wrk_${child.process.pid}_`);
    expect(workerPids).toHaveLength(2);
    for (const pid of workerPids) expect(lockers.some((row) => row.locked_by.startsWith(pid))).toBe(true);
  }, 150_000);
});
