import { parseEnv, type Runtime, startApiServer } from "@paygate/api";

export { eventually } from "@paygate/api/testing";

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
  const api = await startApiServer(config, { hostname: "127.0.0.1", port });
  const merchant = (await (await fetch(`${api.url}/api/v1/test/merchant`)).json()) as { data: { webhook_secret: string } };
  return { ...api, webhookSecret: merchant.data.webhook_secret };
}
