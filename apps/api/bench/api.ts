/**
 * `pnpm bench:api`: throughput and latency of POST /orders and POST /payments at 50
 * connections, beside the machine's ceiling (a bare Hono + postgres.js INSERT … RETURNING),
 * all against the local Postgres, each for a bounded time. Prints figures; asserts nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import postgres from "postgres";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const apiRoot = fileURLToPath(new URL("..", import.meta.url));
const auth = { "x-api-key": "key_test_abc123", "x-api-secret": "secret_test_xyz789", "content-type": "application/json" };

async function startServer(mode: "ceiling" | "api", databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/server.ts", mode], {
    cwd: apiRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(/ready (\d+)/);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(name: string, url: string, path: string, body: () => string, duration = DURATION_S): Promise<Figures> {
  const result = await autocannon({
    url: `${url}${path}`,
    connections: CONNECTIONS,
    duration,
    method: "POST",
    headers: auth,
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main() {
  const name = `paygate_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const results: Figures[] = [];
  let child: ChildProcess | undefined;
  try {
    const ceiling = await startServer("ceiling", databaseUrl);
    child = ceiling.child;
    await load("warm-up", ceiling.url, "/items", () => '{"amount":100}', 3);
    results.push(await load("ceiling: INSERT … RETURNING", ceiling.url, "/items", () => '{"amount":100}'));
    child.kill();

    const api = await startServer("api", databaseUrl);
    child = api.child;
    await load("warm-up", api.url, "/api/v1/orders", () => '{"amount":50000,"currency":"INR"}', 3);
    results.push(await load("POST /api/v1/orders", api.url, "/api/v1/orders", () => '{"amount":50000,"currency":"INR"}'));

    // One fresh order per payment, made up front, so payments do not queue on one order's row lock.
    const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const orderIds = (
      await db`insert into orders (id, merchant_id, amount, currency, status)
        select 'order_bench' || lpad(g::text, 9, '0'), 'mer_testmerchant0001', 50000, 'INR', 'created'
        from generate_series(1, 200000) g returning id`
    ).map((row) => row.id as string);
    await db.end();
    let next = 0;
    results.push(
      await load("POST /api/v1/payments", api.url, "/api/v1/payments", () =>
        JSON.stringify({
          order_id: orderIds[next++ % orderIds.length],
          method: "card",
          card: { number: "4242424242424242", expiry: "12/34", cvv: "123" },
        }),
      ),
    );
  } finally {
    child?.kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }

  const ceiling = results[0] as Figures;
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each, Postgres at ${new URL(adminUrl).host}\n`);
  console.log(
    "name".padEnd(30),
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "% ceiling".padStart(10),
    "non-2xx".padStart(8),
  );
  for (const row of results) {
    const share = `${Math.round((row.rps / ceiling.rps) * 100)} %`;
    console.log(
      row.name.padEnd(30),
      String(row.rps).padStart(8),
      String(row.p50).padStart(8),
      String(row.p99).padStart(8),
      share.padStart(10),
      String(row.non2xx + row.errors).padStart(8),
    );
  }
  console.log("\ngoals: POST /orders ≥ 60 % of ceiling, POST /payments ≥ 40 %, p99 ≤ 50 ms");
}

await main();
