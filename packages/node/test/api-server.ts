import { parseEnv, type Runtime, startApiServer } from "@paygate/api";

export const TEST_KEY = "key_test_abc123";
export const TEST_SECRET = "secret_test_xyz789";

export interface RunningApi {
  url: string;
  runtime: Runtime;
  close(): Promise<void>;
}

/** The real API in this process (PGlite in memory, workers on) behind a loopback HTTP port. */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  const config = parseEnv({
    TEST_MODE: "true",
    TEST_PROCESSING_DELAY: "0",
    LOG_LEVEL: "silent",
    RATE_LIMIT_API_PER_MIN: "100000",
    RATE_LIMIT_AUTH_PER_MIN: "100000",
    ...env,
  });
  return startApiServer(config, { hostname: "127.0.0.1", port: 0 });
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
