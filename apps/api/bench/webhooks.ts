/**
 * `pnpm bench:webhooks`: webhook delivery latency and throughput, in one process, against a
 * receiver on loopback. Postgres when DATABASE_URL is set (a scratch database is created on that
 * server and dropped), else PGlite in memory. Prints figures; asserts nothing.
 *
 * 1. Latency: for BENCH_SAMPLES manually captured payments, the time from the capture request
 *    (its transaction commits inside it) to the `payment.captured` webhook's arrival.
 * 2. Throughput: BENCH_EVENTS events queued through the outbox with the workers stopped, then
 *    the workers started; deliveries per second until every one is recorded as delivered.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { count, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { webhookDeliveries } from "../src/db/schema/index.js";
import { createRuntime, parseEnv } from "../src/index.js";
import { withTransaction } from "../src/services/context.js";
import { recordEvent } from "../src/services/events/record-event.js";
import { JOBS_CHANNEL } from "../src/services/jobs/queue.js";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const BATCH = 500;
const DEADLINE_MS = 180_000;

async function scratchDatabase(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { drop: async () => {} };
  const name = `paygate_bench_wh_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Loopback receiver: answers 200 at once and reports each arrival. */
async function startReceiver(onHit: (body: string, at: number) => void) {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      onHit(Buffer.concat(chunks).toString("utf8"), performance.now());
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server };
}

/** Resolves when `ready()` holds; polls, and gives up after the deadline. */
async function until(ready: () => boolean | Promise<boolean>, what: string, deadlineMs = DEADLINE_MS) {
  const deadline = Date.now() + deadlineMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const database = await scratchDatabase();
const config = parseEnv({
  TEST_MODE: "true",
  TEST_PROCESSING_DELAY: "0",
  LOG_LEVEL: "error",
  RATE_LIMIT_API_PER_MIN: "100000000",
  WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY,
  ...(database.url ? { DATABASE_URL: database.url } : {}),
});
const runtime = await createRuntime(config, { startWorkers: true });
const arrivals = new Map<string, number>(); // "type:payment id" → arrival
let delivered = 0;
const receiver = await startReceiver((body, at) => {
  const event = JSON.parse(body) as { type: string; data: { payment: { id: string } } };
  arrivals.set(`${event.type}:${event.data.payment.id}`, at);
  delivered += 1;
});

try {
  const register = await runtime.app.request("/api/v1/auth/register", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      email: `bench-${Date.now()}@example.com`,
      name: "Bench",
      password: "correct-horse-battery",
      webhook_url: receiver.url,
    }),
  });
  const merchant = (await register.json()).data as { merchant_id: string; api_key: string; api_secret: string };
  const call = async (path: string, body?: unknown) => {
    const response = await runtime.app.request(path, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json", "X-Api-Key": merchant.api_key, "X-Api-Secret": merchant.api_secret },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()).data;
  };

  // 1. Latency, one payment at a time so each measurement sees an idle queue. The capture's
  // commit is seen as the NOTIFY its transaction sends (the signal the worker itself wakes on).
  const notifications: number[] = [];
  const unlisten = await runtime.database.listen(JOBS_CHANNEL, () => notifications.push(performance.now()));
  const latencies: number[] = [];
  const endToEnd: number[] = [];
  let lastPayment: unknown;
  for (let i = 0; i < SAMPLES; i += 1) {
    const order = await call("/api/v1/orders", { amount: 10_000 });
    const card = { number: "4242424242424242", expiry: "12/34", cvv: "123" };
    const payment = await call("/api/v1/payments", { order_id: order.id, method: "card", card, capture: "manual" });
    await until(() => arrivals.has(`payment.authorized:${payment.id}`), "payment.authorized");
    const started = performance.now();
    lastPayment = await call(`/api/v1/payments/${payment.id}/capture`, {});
    await until(() => arrivals.has(`payment.captured:${payment.id}`), "payment.captured");
    const arrived = arrivals.get(`payment.captured:${payment.id}`) as number;
    const committed = notifications.find((at) => at >= started);
    if (committed !== undefined) latencies.push(arrived - committed);
    endToEnd.push(arrived - started);
  }
  await unlisten();
  latencies.sort((a, b) => a - b);
  endToEnd.sort((a, b) => a - b);

  // 2. Throughput: queue through the real outbox with the workers stopped, then start them.
  await runtime.workers.stop();
  await until(async () => (await pendingDeliveries()) === 0, "latency phase to drain");
  const queueStarted = performance.now();
  for (let queued = 0; queued < EVENTS; queued += BATCH) {
    await withTransaction(runtime.ctx, async (tx) => {
      for (let i = queued; i < Math.min(EVENTS, queued + BATCH); i += 1) {
        await recordEvent(tx, merchant.merchant_id, "payment.captured", {
          payment: { ...(lastPayment as object), id: `pay_bench${String(i).padStart(8, "0")}` } as never,
        });
      }
    });
  }
  const queueMs = performance.now() - queueStarted;
  const before = delivered;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await runtime.workers.start();
  await until(() => delivered - before >= EVENTS, "all deliveries to arrive");
  const arrivedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await until(async () => (await pendingDeliveries()) === 0, "all deliveries to be recorded");
  const recordedMs = performance.now() - started;

  // What one trivial round trip costs on this machine right now, to read the figures against.
  const pingStarted = performance.now();
  for (let i = 0; i < 200; i += 1) await runtime.database.db.execute(sql`select 1`);
  const pingMs = (performance.now() - pingStarted) / 200;

  async function pendingDeliveries() {
    const [row] = await runtime.database.db
      .select({ n: count() })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, "pending"));
    return row?.n ?? 0;
  }

  console.log(
    `webhook benchmark — ${runtime.database.kind}, worker concurrency ${config.workerConcurrency}, receiver on loopback`,
  );
  console.log(
    `machine: ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}; one \`select 1\` round trip ${ms(pingMs)}`,
  );
  console.log(
    `latency capture commit → arrival (${latencies.length} payments): p50 ${ms(percentile(latencies, 50))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies.at(-1) ?? NaN)}`,
  );
  console.log(
    `  end to end, capture request sent → arrival: p50 ${ms(percentile(endToEnd, 50))}  p99 ${ms(percentile(endToEnd, 99))}`,
  );
  console.log(`queued ${EVENTS} events through the outbox in ${ms(queueMs)} (workers stopped)`);
  console.log(
    `throughput: all ${EVENTS} arrived in ${ms(arrivedMs)} = ${Math.round((EVENTS / arrivedMs) * 1000)} deliveries/s; recorded as delivered in ${ms(recordedMs)} = ${Math.round((EVENTS / recordedMs) * 1000)} deliveries/s`,
  );
  console.log(`this process's CPU per delivery (worker + receiver): ${ms((cpu.user + cpu.system) / 1000 / EVENTS)}`);
  console.log(`receiver got ${delivered - before} requests for ${EVENTS} events (duplicates: ${delivered - before - EVENTS})`);
} finally {
  await runtime.close();
  receiver.server.closeAllConnections();
  receiver.server.close();
  await database.drop();
}
