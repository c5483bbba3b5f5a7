import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Config, createRuntime, parseEnv, type Runtime } from "../src/index.js";
import type { Processor } from "../src/processor/processor.js";

export { eventually } from "../src/testing.js";

/**
 * Test databases: PGlite in memory by default; with TEST_DATABASE_URL, a fresh Postgres
 * database per call (created here, dropped on close).
 */
export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return null;
  const name = `paygate_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export const TEST_KEY = "key_test_abc123";
export const TEST_SECRET = "secret_test_xyz789";

export interface TestApi {
  runtime: Runtime;
  config: Config;
  /** `app.request` with JSON helpers; `json` sets Content-Type and serialises the body. */
  request(path: string, init?: RequestInit & { json?: unknown; auth?: Credentials }): Promise<Response>;
  registerMerchant(name?: string): Promise<MerchantCredentials>;
  close(): Promise<void>;
}

export interface MerchantCredentials {
  merchant_id: string;
  email: string;
  password: string;
  api_key: string;
  api_secret: string;
  webhook_secret: string;
  access: string;
}

export type Credentials = { key: string; secret: string } | { bearer: string };

export function authHeaders(auth: Credentials | undefined): Record<string, string> {
  if (!auth) return {};
  if ("bearer" in auth) return { Authorization: `Bearer ${auth.bearer}` };
  return { "X-Api-Key": auth.key, "X-Api-Secret": auth.secret };
}

/** A full API runtime on a fresh database, workers on by default. */
export async function startTestApi(
  env: Record<string, string> = {},
  options: { startWorkers?: boolean; processor?: Processor } = {},
): Promise<TestApi> {
  const database = await createTestDatabaseUrl();
  const config = parseEnv({
    TEST_MODE: "true",
    TEST_PROCESSING_DELAY: "0",
    LOG_LEVEL: "silent",
    RATE_LIMIT_AUTH_PER_MIN: "100000",
    RATE_LIMIT_API_PER_MIN: "100000",
    RATE_LIMIT_PUBLIC_PER_MIN: "100000",
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const runtime = await createRuntime(config, { startWorkers: options.startWorkers ?? true, processor: options.processor });
  let counter = 0;
  const api: TestApi = {
    runtime,
    config,
    request(path, init = {}) {
      const { json, auth, headers, ...rest } = init;
      return Promise.resolve(
        runtime.app.request(path, {
          ...rest,
          headers: {
            ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
            ...authHeaders(auth),
            ...(headers as Record<string, string> | undefined),
          },
          ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        }),
      );
    },
    async registerMerchant(name = "Shop") {
      counter += 1;
      const email = `m${counter}-${randomBytes(4).toString("hex")}@example.com`;
      const password = "correct-horse-battery";
      const response = await api.request("/api/v1/auth/register", { method: "POST", json: { email, name, password } });
      if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`);
      const { data } = await response.json();
      return { ...data, email, password };
    },
    async close() {
      await runtime.close();
      await database?.drop();
    },
  };
  return api;
}

export const keyAuth = (merchant: Pick<MerchantCredentials, "api_key" | "api_secret">): Credentials => ({
  key: merchant.api_key,
  secret: merchant.api_secret,
});

export const validCard = { number: "4242424242424242", expiry: "12/34", cvv: "123" };

export async function expectError(response: Response, status: number, type: string) {
  const body = await response.json();
  if (response.status !== status || body?.exception?.type !== type) {
    throw new Error(`expected ${status} ${type}, got ${response.status} ${JSON.stringify(body)}`);
  }
  if (!/^req_/.test(body.exception.request_id) || body.success !== false) throw new Error("bad error envelope");
  return body.exception as { code: number; type: string; param: string | null; description: string; request_id: string };
}
