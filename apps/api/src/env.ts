import { hkdfSync } from "node:crypto";
import { envProblem, parseEnv as parseEnvWith } from "@paygate/contracts/env";
import { z } from "zod";
import { parseTrustProxy, type TrustProxy } from "./lib/client-address.js";

const bool = z.enum(["true", "false", "1", "0", ""]).transform((value) => value === "true" || value === "1");

/** A success rate from 0 to 1, as written in SUCCESS_RATES (`card=0.95`). */
const successRate = z.coerce.number().min(0).max(1);

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
  /** Public checkout endpoints (SPEC §7), per client address. */
  RATE_LIMIT_PUBLIC_PER_MIN: z.coerce.number().int().min(1).default(300),
  /** Public checkout endpoints, per publishable key: a ceiling well above any one shopper. */
  RATE_LIMIT_PUBLIC_KEY_PER_MIN: z.coerce.number().int().min(1).default(10_000),
  /** `/auth/refresh` and `/auth/logout`, per client address, apart from the login budget. */
  RATE_LIMIT_REFRESH_PER_MIN: z.coerce.number().int().min(1).default(60),
  /** Failed logins per account (email) in 15 minutes, on top of the per-address limit. */
  RATE_LIMIT_LOGIN_FAILURES: z.coerce.number().int().min(1).default(10),
  /** Proxies believed about X-Forwarded-For: unset (none), a hop count, or addresses/CIDRs. */
  TRUST_PROXY: z.string().optional(),
  CHECKOUT_URL: z.string().url().default("http://localhost:3001"),
  DASHBOARD_URL: z.string().url().default("http://localhost:3000"),
  API_URL: z.string().url().default("http://localhost:8000"),
  ALLOW_PRIVATE_WEBHOOK_URLS: bool.optional(),
  WEBHOOK_ALLOW_HTTP: bool.optional(),
  WEBHOOK_ALLOWED_PORTS: z
    .string()
    .regex(/^\d{1,5}(,\d{1,5})*$/, "a comma-separated list of ports")
    .transform((list) => list.split(",").map(Number))
    .optional(),
  TEST_WEBHOOK_URL: z.string().url().optional(),
  WORKERS: z.enum(["on", "off"]).default("on"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
  JOB_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
  /** Platform fee in basis points of the captured amount (200 = 2.00 %), plus FEE_FIXED minor units. */
  FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(200),
  FEE_FIXED: z.coerce.number().int().min(0).max(1_000_000).default(0),
  SETTLEMENT_DELAY_DAYS: z.coerce.number().int().min(0).max(365).default(2),
  SETTLEMENT_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(6),
  /** An authorization not captured within this many hours is voided (SPEC §13). */
  AUTH_EXPIRY_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(120),
  /** A payment awaiting 3-D Secure this many minutes fails with `authentication_timeout`. */
  ACTION_TIMEOUT_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /** `card=0.95,upi=0.9,…`: the simulator's random success rate per method. */
  SUCCESS_RATES: z
    .string()
    .regex(/^\s*\w+\s*=[^,=]+(,\s*\w+\s*=[^,=]+)*$/, { error: "expected method=rate pairs separated by commas" })
    .transform((value) => Object.fromEntries(value.split(",").map((pair) => pair.split("=").map((part) => part.trim()))))
    .pipe(
      z.strictObject({
        card: successRate.optional(),
        upi: successRate.optional(),
        netbanking: successRate.optional(),
        wallet: successRate.optional(),
      }),
    )
    .optional(),
  /** How often the scheduled housekeeping job runs (expired keys, old rows). */
  MAINTENANCE_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** `smtp://user:pass@host:587` or `smtps://…`: emails are also sent by SMTP (always recorded in the mailbox). */
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), { error: "must be an smtp:// or smtps:// URL" })
    .optional(),
  /** The From of every email PayGate sends. */
  EMAIL_FROM: z.string().min(3).default("PayGate <no-reply@paygate.local>"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Config = ReturnType<typeof parseEnv>;

export function parseEnv(source: Record<string, string | undefined>) {
  const env = parseEnvWith(envSchema, source);
  const testMode = env.TEST_MODE ?? false;
  let trustProxy: TrustProxy;
  try {
    trustProxy = parseTrustProxy(env.TRUST_PROXY);
  } catch (error) {
    throw new Error(`Invalid environment:\n  ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!testMode && !env.JWT_SECRET) {
    envProblem(
      "JWT_SECRET",
      "required outside TEST_MODE (at least 32 random characters, e.g. `openssl rand -base64 48`); there is no default",
    );
  }
  const keys = deriveKeys(env.JWT_SECRET ?? TEST_MODE_MASTER_SECRET, env);
  // Before HKDF the encryption key defaulted to JWT_SECRET (or a TEST_MODE constant): API secrets
  // sealed then still open, so an upgrade keeps existing merchants' checkout signatures working.
  const legacyEncryptionKeys = env.ENCRYPTION_KEY ? [] : [env.JWT_SECRET ?? "paygate-test-mode-encryption-key"];
  return {
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    testMode,
    testPaymentSuccess: env.TEST_PAYMENT_SUCCESS,
    testProcessingDelayMs: env.TEST_PROCESSING_DELAY,
    acquirerLatencyMs: env.SIMULATED_ACQUIRER_LATENCY_MS,
    webhookRetryTestIntervals: env.WEBHOOK_RETRY_INTERVALS_TEST ?? false,
    ...keys,
    legacyEncryptionKeys,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    rateLimitAuthPerMin: env.RATE_LIMIT_AUTH_PER_MIN,
    rateLimitApiPerMin: env.RATE_LIMIT_API_PER_MIN,
    rateLimitPublicPerMin: env.RATE_LIMIT_PUBLIC_PER_MIN,
    rateLimitPublicKeyPerMin: env.RATE_LIMIT_PUBLIC_KEY_PER_MIN,
    rateLimitRefreshPerMin: env.RATE_LIMIT_REFRESH_PER_MIN,
    loginFailuresPerAccount: env.RATE_LIMIT_LOGIN_FAILURES,
    trustProxy,
    checkoutUrl: env.CHECKOUT_URL,
    dashboardUrl: env.DASHBOARD_URL,
    apiUrl: env.API_URL,
    allowPrivateWebhookUrls: env.ALLOW_PRIVATE_WEBHOOK_URLS ?? testMode,
    // Outside TEST_MODE a webhook is TLS to a standard port unless the operator widens it.
    webhookAllowHttp: env.WEBHOOK_ALLOW_HTTP ?? testMode,
    webhookAllowedPorts: env.WEBHOOK_ALLOWED_PORTS ?? (testMode ? null : [443, 8443]),
    testWebhookUrl: env.TEST_WEBHOOK_URL,
    workers: env.WORKERS,
    workerConcurrency: env.WORKER_CONCURRENCY,
    jobLeaseMs: env.JOB_LEASE_MS,
    authExpiryMs: Math.round(env.AUTH_EXPIRY_HOURS * 3600 * 1000),
    actionTimeoutMs: Math.round(env.ACTION_TIMEOUT_MINUTES * 60 * 1000),
    successRates: env.SUCCESS_RATES ?? {},
    maintenanceIntervalMs: env.MAINTENANCE_INTERVAL_MS,
    logLevel: env.LOG_LEVEL,
    smtpUrl: env.SMTP_URL,
    emailFrom: env.EMAIL_FROM,
    feeBps: env.FEE_BPS,
    feeFixed: env.FEE_FIXED,
    settlementDelayDays: env.SETTLEMENT_DELAY_DAYS,
    settlementHourUtc: env.SETTLEMENT_HOUR_UTC,
  };
}

/** Only ever used in TEST_MODE, where nothing is secret. */
const TEST_MODE_MASTER_SECRET = "paygate-test-mode-master-secret-not-for-production";

/**
 * One key per purpose, derived from the master secret (JWT_SECRET) with HKDF-SHA256 unless given
 * explicitly: leaking one (a signed token's key, say) reveals nothing about the others, and no
 * key is ever the master secret itself.
 */
export function deriveKeys(master: string, explicit: { ENCRYPTION_KEY?: string; CARD_FINGERPRINT_KEY?: string } = {}) {
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync("sha256", master, "paygate-hkdf-v1", `paygate:${purpose}`, 32)).toString("base64url");
  return {
    jwtSecret: derive("jwt-hs256"),
    encryptionKey: explicit.ENCRYPTION_KEY ?? derive("encryption-aes-256-gcm"),
    cardFingerprintKey: explicit.CARD_FINGERPRINT_KEY ?? derive("card-fingerprint"),
    idempotencyKey: derive("idempotency-fingerprint"),
  };
}

let cached: Config | undefined;
/** The process environment, parsed on first use. */
export function loadEnv(): Config {
  cached ??= parseEnv(process.env);
  return cached;
}
