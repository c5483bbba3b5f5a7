import { createHmac } from "node:crypto";
import { registerAdminBodySchema, registerBodySchema, tokenBodySchema } from "@paygate/contracts";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { type MerchantRow, merchants, refreshTokens } from "../../db/schema/index.js";
import { encrypt, hashPassword, randomToken, safeEqual, sha256, verifyPassword } from "../../lib/crypto.js";
import { ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { type AccessClaims, signAccessToken } from "../../lib/jwt.js";
import { passwordProblem } from "../../lib/password-policy.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { isUniqueViolation } from "../infra/db-errors.js";
import { rateLimited, reserveAttempt } from "../infra/rate-limits.js";
import { newApiKey, newApiSecret, newWebhookSecret } from "../merchants/credentials.js";
import { sealWebhookSecret } from "../merchants/webhook-secrets.js";
import { assertWebhookUrlAllowed } from "../webhooks/url.js";

const REFRESH_TTL_MS = 7 * 24 * 3600 * 1000;
const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
/** Two tabs (or a retry) may present one refresh token moments apart; the later one is not theft. */
const REFRESH_REUSE_GRACE_MS = 10_000;
// A fixed hash to verify against when the email is unknown, so both paths cost one scrypt.
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export interface Session {
  access: string;
  refreshToken: string;
}

function accessFor(ctx: ServiceContext, merchant: Pick<MerchantRow, "id" | "role" | "tokenVersion">): string {
  return signAccessToken({ sub: merchant.id, role: merchant.role, ver: merchant.tokenVersion }, ctx.config.jwtSecret);
}

async function issueRefreshToken(
  ctx: ServiceContext,
  merchantId: string,
  familyId = newId("merchant").replace("mer_", "fam_"),
  token = randomToken(32),
) {
  await ctx.db.insert(refreshTokens).values({
    id: newId("request").replace("req_", "rt_"),
    merchantId,
    familyId,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
  });
  return token;
}

/** Every new password passes here: blank and common ones are refused before anything is written. */
function assertPasswordAcceptable(password: string) {
  const problem = passwordProblem(password);
  if (problem) throw new ServiceError("validation_error", `password ${problem}`, { param: "password" });
}

/** `POST /auth/register`: a merchant with fresh credentials, shown once. */
export async function registerMerchant({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof registerBodySchema> }) {
  const body = registerBodySchema.parse(input);
  assertPasswordAcceptable(body.password);
  if (body.webhook_url) await assertWebhookUrlAllowed(ctx, body.webhook_url);
  const email = body.email.toLowerCase();
  const apiKey = newApiKey(ctx.config);
  const apiSecret = newApiSecret(ctx.config);
  const webhookSecret = newWebhookSecret();
  const merchant = {
    id: newId("merchant"),
    email,
    name: body.name,
    role: "merchant" as const,
    passwordHash: await hashPassword(body.password),
    apiKey,
    apiSecretHash: sha256(apiSecret),
    apiSecretCiphertext: encrypt(apiSecret, ctx.config.encryptionKey),
    webhookUrl: body.webhook_url ?? null,
    webhookSecretCiphertext: sealWebhookSecret(ctx.config, webhookSecret),
  };
  try {
    await ctx.db.insert(merchants).values(merchant);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ServiceError("email_taken", "An account with this email already exists", { param: "email" });
    throw error;
  }
  const refreshToken = await issueRefreshToken(ctx, merchant.id);
  return {
    refreshToken,
    data: {
      access: accessFor(ctx, { ...merchant, tokenVersion: 0 }),
      api_key: apiKey,
      api_secret: apiSecret,
      webhook_secret: webhookSecret,
      email,
      name: merchant.name,
      role: "merchant" as const,
      merchant_id: merchant.id,
    },
  };
}

/** `POST /auth/register-admin`. */
export async function registerAdmin({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof registerAdminBodySchema> }) {
  const body = registerAdminBodySchema.parse(input);
  assertPasswordAcceptable(body.password);
  const email = body.email.toLowerCase();
  const admin = {
    id: newId("merchant"),
    email,
    name: body.name,
    role: "admin" as const,
    passwordHash: await hashPassword(body.password),
  };
  try {
    await ctx.db.insert(merchants).values(admin);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ServiceError("email_taken", "An account with this email already exists", { param: "email" });
    throw error;
  }
  return { id: admin.id, email, name: admin.name, role: "admin" as const };
}

/** `POST /auth/token`: email + password → access token and a new refresh-token family. */
export async function login({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof tokenBodySchema> }) {
  const body = tokenBodySchema.parse(input);
  const email = body.email.toLowerCase();
  // Counted per account as well as per address, so guesses spread over many addresses still
  // stop; unknown emails count alike (a lockout must not tell which accounts exist), and the
  // email is hashed so the counter table holds no address book.
  const attempt = await reserveAttempt(
    ctx,
    `login-fail:${sha256(email)}`,
    ctx.config.loginFailuresPerAccount,
    LOGIN_FAILURE_WINDOW_MS,
  );
  if (!attempt.result.allowed) {
    throw rateLimited(attempt.result, `Too many failed logins for this account; try again in ${attempt.result.resetSeconds} s`);
  }
  const [merchant] = await ctx.db
    .select()
    .from(merchants)
    .where(and(eq(merchants.email, email), isNull(merchants.deletedAt)));
  const valid = await verifyPassword(body.password, merchant?.passwordHash ?? DUMMY_HASH);
  if (!merchant || !valid) throw new ServiceError("login_failed", "Invalid email or password");
  await attempt.release();
  const refreshToken = await issueRefreshToken(ctx, merchant.id);
  return {
    refreshToken,
    data: {
      access: accessFor(ctx, merchant),
      api_key: merchant.apiKey,
      email: merchant.email,
      name: merchant.name,
      role: merchant.role,
      ...(merchant.role === "merchant" ? { merchant_id: merchant.id } : {}),
    },
  };
}

/**
 * The token that replaces `token` when it rotates. It is derived with a server key rather than
 * drawn at random so that a request presenting a just-rotated token (a second tab refreshing at
 * the same moment, a retried request) can be handed the same successor, without the successor's
 * plaintext ever being stored.
 */
function successorOf(ctx: ServiceContext, token: string): string {
  return createHmac("sha256", ctx.config.jwtSecret).update(`paygate refresh successor\0${token}`).digest("base64url");
}

async function revokeFamily(ctx: ServiceContext, familyId: string, now: Date) {
  await ctx.db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/**
 * `POST /auth/refresh`: rotates the refresh token. A token rotated less than
 * REFRESH_REUSE_GRACE_MS ago leads to its (live) successor, which is returned as it is; one
 * rotated earlier, or revoked, is treated as theft: the whole family is revoked.
 */
export async function refreshSession({ ctx, token }: { ctx: ServiceContext; token: string | undefined }): Promise<Session> {
  const unauthorized = new ServiceError("unauthorized", "Refresh token missing, expired or revoked");
  if (!token || token.length > 200) throw unauthorized;
  const now = new Date();
  let current = token;
  // Each step either follows a rotation made within the grace or retries after losing a race,
  // so a few suffice; the bound keeps a pathological chain from looping.
  for (let step = 0; step < 8; step++) {
    const [stored] = await ctx.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(current)));
    if (!stored) throw unauthorized;
    if (stored.revokedAt) {
      await revokeFamily(ctx, stored.familyId, now);
      throw unauthorized;
    }
    if (stored.rotatedAt) {
      if (now.getTime() - stored.rotatedAt.getTime() > REFRESH_REUSE_GRACE_MS) {
        await revokeFamily(ctx, stored.familyId, now);
        throw unauthorized;
      }
      current = successorOf(ctx, current);
      continue;
    }
    if (stored.expiresAt <= now) throw unauthorized;
    const [merchant] = await ctx.db
      .select()
      .from(merchants)
      .where(and(eq(merchants.id, stored.merchantId), isNull(merchants.deletedAt)));
    if (!merchant) throw unauthorized;
    // Reached through the grace: the other request already rotated; share its successor.
    if (current !== token) return { access: accessFor(ctx, merchant), refreshToken: current };
    const successor = successorOf(ctx, current);
    // Guarded, and in one transaction with the successor, so a concurrent refresh either rotates
    // first (and this one then follows the committed successor) or finds nothing to rotate.
    const rotated = await withTransaction(ctx, async (tx) => {
      const rows = await tx.db
        .update(refreshTokens)
        .set({ rotatedAt: now })
        .where(and(eq(refreshTokens.id, stored.id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)))
        .returning({ id: refreshTokens.id });
      if (rows.length > 0) await issueRefreshToken(tx, merchant.id, stored.familyId, successor);
      return rows.length > 0;
    });
    if (rotated) return { access: accessFor(ctx, merchant), refreshToken: successor };
  }
  throw unauthorized;
}

/**
 * `POST /auth/logout`: revokes the token's family and bumps the account's token version, so
 * access tokens issued before it stop working (other devices renew theirs with their own
 * refresh token). An unknown token is not an error.
 */
export async function logout({ ctx, token }: { ctx: ServiceContext; token: string | undefined }) {
  if (!token || token.length > 200) return;
  const [stored] = await ctx.db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, sha256(token)));
  if (!stored) return;
  await revokeFamily(ctx, stored.familyId, new Date());
  await ctx.db
    .update(merchants)
    .set({ tokenVersion: sql`${merchants.tokenVersion} + 1` })
    .where(eq(merchants.id, stored.merchantId));
  ctx.credentials.invalidate(stored.merchantId);
}

/** Merchant server credentials: the publishable key and its secret. Null when they do not match. */
export async function authenticateApiKey(ctx: ServiceContext, apiKey: string, apiSecret: string): Promise<MerchantRow | null> {
  if (apiKey.length > 100 || apiSecret.length > 200) return null;
  let merchant = ctx.credentials.get(apiKey);
  if (!merchant) {
    [merchant] = await ctx.db.select().from(merchants).where(eq(merchants.apiKey, apiKey));
    if (merchant) ctx.credentials.set(apiKey, merchant);
  }
  if (!merchant || merchant.deletedAt || !merchant.apiSecretHash) return null;
  return safeEqual(sha256(apiSecret), merchant.apiSecretHash) ? merchant : null;
}

/** The merchant a publishable key belongs to (public checkout endpoints). */
export async function merchantForPublishableKey(ctx: ServiceContext, apiKey: string): Promise<MerchantRow | null> {
  if (apiKey.length > 100) return null;
  const [merchant] = await ctx.db.select().from(merchants).where(eq(merchants.apiKey, apiKey));
  return merchant && !merchant.deletedAt ? merchant : null;
}

export async function merchantById(ctx: ServiceContext, id: string): Promise<MerchantRow | null> {
  let merchant = ctx.credentials.get(id);
  if (!merchant) {
    [merchant] = await ctx.db.select().from(merchants).where(eq(merchants.id, id));
    if (merchant) ctx.credentials.set(id, merchant);
  }
  return merchant && !merchant.deletedAt ? merchant : null;
}

/**
 * The account a verified access token speaks for: none once the account is deleted or its token
 * version has moved on (API-secret rotation, logout). Read through the credential cache, which
 * those changes invalidate.
 */
export async function accountForAccessToken(
  ctx: ServiceContext,
  claims: Pick<AccessClaims, "sub" | "ver">,
): Promise<MerchantRow | null> {
  const merchant = await merchantById(ctx, claims.sub);
  return merchant && merchant.tokenVersion === claims.ver ? merchant : null;
}

/** `ADMIN_EMAIL` + `ADMIN_PASSWORD`: create that admin at start when absent. */
export async function bootstrapAdmin(ctx: ServiceContext) {
  const { adminEmail, adminPassword } = ctx.config;
  if (!adminEmail || !adminPassword) return;
  const email = adminEmail.toLowerCase();
  const [existing] = await ctx.db.select({ id: merchants.id }).from(merchants).where(eq(merchants.email, email));
  if (existing) return;
  try {
    await registerAdmin({ ctx, input: { email, name: "Admin", password: adminPassword } });
  } catch (error) {
    // Another process created it first.
    if (!(error instanceof ServiceError && error.type === "email_taken")) throw error;
  }
}

export const TEST_MERCHANT = {
  email: "test@merchant.local",
  name: "Test Merchant",
  password: "test-merchant-password",
  apiKey: "key_test_abc123",
  apiSecret: "secret_test_xyz789",
  webhookSecret: "whsec_dGVzdC1tZXJjaGFudC13ZWJob29rLXNlY3JldA==",
} as const;

/** TEST_MODE: the well-known test merchant of SPEC §4, seeded at start when absent. */
export async function seedTestMerchant(ctx: ServiceContext) {
  if (!ctx.config.testMode) return;
  const values = {
    id: "mer_testmerchant0001",
    email: TEST_MERCHANT.email,
    name: TEST_MERCHANT.name,
    role: "merchant" as const,
    passwordHash: await hashPassword(TEST_MERCHANT.password),
    apiKey: TEST_MERCHANT.apiKey,
    apiSecretHash: sha256(TEST_MERCHANT.apiSecret),
    apiSecretCiphertext: encrypt(TEST_MERCHANT.apiSecret, ctx.config.encryptionKey),
    webhookSecretCiphertext: sealWebhookSecret(ctx.config, TEST_MERCHANT.webhookSecret),
    webhookUrl: ctx.config.testWebhookUrl ?? null,
  };
  // Only when it creates the merchant: a restart never changes a URL the merchant has set since
  // (or cleared), whatever TEST_WEBHOOK_URL says now (SPEC §8).
  await ctx.db.insert(merchants).values(values).onConflictDoNothing();
}
