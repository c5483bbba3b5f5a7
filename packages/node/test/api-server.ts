import { parseEnv, type Runtime, startApiServer } from "@paygate/api";

export { eventually } from "@paygate/api/testing";

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
