import type { MerchantEnv } from "./env.js";

export interface Credentials {
  apiKey: string;
  apiSecret: string;
  webhookSecret: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The credentials from the environment, or — when any is missing — the seeded test merchant's
 * from the API's TEST_MODE endpoint, waiting (bounded) for an API that is still starting.
 */
export async function resolveCredentials(env: MerchantEnv, waitMs = 60_000): Promise<Credentials> {
  if (env.PAYGATE_API_KEY && env.PAYGATE_API_SECRET && env.PAYGATE_WEBHOOK_SECRET) {
    return { apiKey: env.PAYGATE_API_KEY, apiSecret: env.PAYGATE_API_SECRET, webhookSecret: env.PAYGATE_WEBHOOK_SECRET };
  }
  const url = new URL("/api/v1/test/merchant", env.API_URL);
  const deadline = Date.now() + waitMs;
  let lastProblem = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 404) {
        throw new Error("The API is not in TEST_MODE: set PAYGATE_API_KEY, PAYGATE_API_SECRET and PAYGATE_WEBHOOK_SECRET");
      }
      if (response.ok) {
        const { data } = (await response.json()) as { data: { api_key: string; api_secret: string; webhook_secret: string } };
        return {
          apiKey: env.PAYGATE_API_KEY ?? data.api_key,
          apiSecret: env.PAYGATE_API_SECRET ?? data.api_secret,
          webhookSecret: env.PAYGATE_WEBHOOK_SECRET ?? data.webhook_secret,
        };
      }
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("The API is not in TEST_MODE")) throw error;
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(500);
  }
  throw new Error(`Could not read the test merchant's credentials from ${url} (${lastProblem})`);
}
