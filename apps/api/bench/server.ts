/**
 * The servers the API benchmark loads, each in its own process so the load generator does not
 * share its event loop: `ceiling` is a bare Hono + postgres.js endpoint doing one
 * INSERT … RETURNING per request (the machine's ceiling); `api` is the real PayGate API.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import postgres from "postgres";
import { createRuntime, parseEnv } from "../src/index.js";

const mode = process.argv[2];
const port = Number(process.env.PORT ?? 0);
const databaseUrl = process.env.DATABASE_URL as string;

async function ceiling() {
  const sql = postgres(databaseUrl, { max: 20, onnotice: () => {} });
  await sql`create table if not exists bench_items (id text primary key, amount bigint not null, created_at timestamptz not null default now())`;
  let counter = 0;
  const app = new Hono();
  app.post("/items", async (c) => {
    const body = await c.req.json<{ amount: number }>();
    const [row] =
      await sql`insert into bench_items (id, amount) values (${`item_${process.pid}_${counter++}`}, ${body.amount}) returning *`;
    return c.json({ success: true, data: row }, 201);
  });
  return app.fetch;
}

async function api() {
  const runtime = await createRuntime(
    parseEnv({
      DATABASE_URL: databaseUrl,
      TEST_MODE: "true",
      LOG_LEVEL: "error",
      WORKERS: "off",
      TEST_PROCESSING_DELAY: "600000",
      RATE_LIMIT_API_PER_MIN: "100000000",
      RATE_LIMIT_PUBLIC_PER_MIN: "100000000",
      RATE_LIMIT_PUBLIC_KEY_PER_MIN: "100000000",
    }),
  );
  return runtime.app.fetch;
}

const fetch = mode === "ceiling" ? await ceiling() : await api();
serve({ fetch, port, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`ready ${info.port}\n`);
});

// Exit normally on SIGTERM so `node --cpu-prof` can write its profile.
process.on("SIGTERM", () => process.exit(0));
