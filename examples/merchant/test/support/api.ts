import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createRuntime, parseEnv, type Runtime } from "@paygate/api";

export const TEST_KEY = "key_test_abc123";
export const TEST_SECRET = "secret_test_xyz789";

export interface RunningApi {
  url: string;
  runtime: Runtime;
  webhookSecret: string;
  close(): Promise<void>;
}

/** The real API in this process (PGlite in memory, workers on) on a loopback port. */
export async function startApi(env: Record<string, string> = {}, port = 0): Promise<RunningApi> {
  const config = parseEnv({
    TEST_MODE: "true",
    TEST_PROCESSING_DELAY: "0",
    LOG_LEVEL: "silent",
    RATE_LIMIT_API_PER_MIN: "100000",
    RATE_LIMIT_AUTH_PER_MIN: "100000",
    ...env,
  });
  const runtime = await createRuntime(config);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: runtime.app.fetch, port, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const merchant = (await (await fetch(`${url}/api/v1/test/merchant`)).json()) as { data: { webhook_secret: string } };
  return {
    url,
    runtime,
    webhookSecret: merchant.data.webhook_secret,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
