import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .transform((value) => value === "true" || value === "1");

/**
 * The environment of SPEC §2, parsed once. `process.env` is read here and nowhere else;
 * tests build a config from their own record with `parseEnv`.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().optional(),
  TEST_MODE: bool.optional(),
  TEST_PAYMENT_SUCCESS: bool.optional(),
  TEST_PROCESSING_DELAY: z.coerce.number().int().min(0).max(600_000).optional(),
  WEBHOOK_RETRY_INTERVALS_TEST: bool.optional(),
  /** Simulated acquirer round-trip inside a worker's job (tests use it to kill a worker mid-job). */
  SIMULATED_ACQUIRER_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  JWT_SECRET: z.string().min(32).optional(),
  CARD_FINGERPRINT_KEY: z.string().min(16).optional(),
  ENCRYPTION_KEY: z.string().min(16).optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  RATE_LIMIT_AUTH_PER_MIN: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_API_PER_MIN: z.coerce.number().int().min(1).default(1000),
  CHECKOUT_URL: z.string().url().default("http://localhost:3001"),
  DASHBOARD_URL: z.string().url().default("http://localhost:3000"),
  API_URL: z.string().url().default("http://localhost:8000"),
  ALLOW_PRIVATE_WEBHOOK_URLS: bool.optional(),
  TEST_WEBHOOK_URL: z.string().url().optional(),
  WORKERS: z.enum(["on", "off"]).default("on"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
  JOB_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
  /** Platform fee in basis points of the captured amount (200 = 2.00 %), plus FEE_FIXED minor units. */
  FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(200),
  FEE_FIXED: z.coerce.number().int().min(0).max(1_000_000).default(0),
  SETTLEMENT_DELAY_DAYS: z.coerce.number().int().min(0).max(365).default(2),
  SETTLEMENT_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(6),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Config = ReturnType<typeof parseEnv>;

export function parseEnv(source: Record<string, string | undefined>) {
  // An empty variable (`DATABASE_URL=`) means unset, as shells and compose files write it.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  const env = parsed.data;
  const testMode = env.TEST_MODE ?? false;
  if (!testMode && !env.JWT_SECRET) {
    throw new Error("Invalid environment: JWT_SECRET (≥32 chars) is required outside TEST_MODE");
  }
  return {
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    testMode,
    testPaymentSuccess: env.TEST_PAYMENT_SUCCESS,
    testProcessingDelayMs: env.TEST_PROCESSING_DELAY,
    acquirerLatencyMs: env.SIMULATED_ACQUIRER_LATENCY_MS,
    webhookRetryTestIntervals: env.WEBHOOK_RETRY_INTERVALS_TEST ?? false,
    jwtSecret: env.JWT_SECRET ?? "paygate-test-mode-jwt-secret-not-for-production",
    encryptionKey: env.ENCRYPTION_KEY ?? env.JWT_SECRET ?? "paygate-test-mode-encryption-key",
    cardFingerprintKey: env.CARD_FINGERPRINT_KEY ?? env.JWT_SECRET ?? "paygate-test-mode-fingerprint-key",
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    rateLimitAuthPerMin: env.RATE_LIMIT_AUTH_PER_MIN,
    rateLimitApiPerMin: env.RATE_LIMIT_API_PER_MIN,
    checkoutUrl: env.CHECKOUT_URL,
    dashboardUrl: env.DASHBOARD_URL,
    apiUrl: env.API_URL,
    allowPrivateWebhookUrls: env.ALLOW_PRIVATE_WEBHOOK_URLS ?? testMode,
    testWebhookUrl: env.TEST_WEBHOOK_URL,
    workers: env.WORKERS,
    workerConcurrency: env.WORKER_CONCURRENCY,
    jobLeaseMs: env.JOB_LEASE_MS,
    logLevel: env.LOG_LEVEL,
    feeBps: env.FEE_BPS,
    feeFixed: env.FEE_FIXED,
    settlementDelayDays: env.SETTLEMENT_DELAY_DAYS,
    settlementHourUtc: env.SETTLEMENT_HOUR_UTC,
  };
}

let cached: Config | undefined;
/** The process environment, parsed on first use. */
export function loadEnv(): Config {
  cached ??= parseEnv(process.env);
  return cached;
}
