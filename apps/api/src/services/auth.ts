import { registerAdminBodySchema, registerBodySchema, tokenBodySchema } from "@paygate/contracts";
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { merchants, refreshTokens, type MerchantRow } from "../db/schema/index.js";
import { encrypt, hashPassword, randomToken, safeEqual, sha256, verifyPassword } from "../lib/crypto.js";
import { ApiError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { signAccessToken } from "../lib/jwt.js";
import { passwordProblem } from "../lib/password-policy.js";
import type { ServiceContext } from "./context.js";
import { newApiKey, newApiSecret, newWebhookSecret } from "./credentials.js";
import { isUniqueViolation } from "./db-errors.js";
import { assertWebhookUrlAllowed } from "./webhook-url.js";

const REFRESH_TTL_MS = 7 * 24 * 3600 * 1000;
// A fixed hash to verify against when the email is unknown, so both paths cost one scrypt.
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export interface Session {
  access: string;
  refreshToken: string;
}

function accessFor(ctx: ServiceContext, merchant: Pick<MerchantRow, "id" | "role">): string {
  return signAccessToken({ sub: merchant.id, role: merchant.role }, ctx.config.jwtSecret);
}

async function issueRefreshToken(ctx: ServiceContext, merchantId: string, familyId = newId("merchant").replace("mer_", "fam_")) {
  const token = randomToken(32);
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
  if (problem) throw new ApiError("validation_error", `password ${problem}`, { param: "password" });
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
    webhookSecret,
  };
  try {
    await ctx.db.insert(merchants).values(merchant);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("email_taken", "An account with this email already exists", { param: "email" });
    throw error;
  }
  const refreshToken = await issueRefreshToken(ctx, merchant.id);
  return {
    refreshToken,
    data: {
      access: accessFor(ctx, merchant),
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
    if (isUniqueViolation(error)) throw new ApiError("email_taken", "An account with this email already exists", { param: "email" });
    throw error;
  }
  return { id: admin.id, email, name: admin.name, role: "admin" as const };
}

/** `POST /auth/token`: email + password → access token and a new refresh-token family. */
export async function login({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof tokenBodySchema> }) {
  const body = tokenBodySchema.parse(input);
  const [merchant] = await ctx.db
    .select()
    .from(merchants)
    .where(and(eq(merchants.email, body.email.toLowerCase()), isNull(merchants.deletedAt)));
  const valid = await verifyPassword(body.password, merchant?.passwordHash ?? DUMMY_HASH);
  if (!merchant || !valid) throw new ApiError("login_failed", "Invalid email or password");
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
 * `POST /auth/refresh`: rotates the refresh token. Presenting a token that was already rotated
 * (or revoked) is treated as theft: the whole family is revoked.
 */
export async function refreshSession({ ctx, token }: { ctx: ServiceContext; token: string | undefined }): Promise<Session> {
  const unauthorized = new ApiError("unauthorized", "Refresh token missing, expired or revoked");
  if (!token || token.length > 200) throw unauthorized;
  const [stored] = await ctx.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(token)));
  if (!stored) throw unauthorized;
  const now = new Date();
  if (stored.rotatedAt || stored.revokedAt) {
    await ctx.db
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.familyId, stored.familyId), isNull(refreshTokens.revokedAt)));
    throw unauthorized;
  }
  if (stored.expiresAt <= now) throw unauthorized;
  const [merchant] = await ctx.db
    .select()
    .from(merchants)
    .where(and(eq(merchants.id, stored.merchantId), isNull(merchants.deletedAt)));
  if (!merchant) throw unauthorized;
  // Guarded so two concurrent refreshes with one token cannot both rotate it.
  const rotated = await ctx.db
    .update(refreshTokens)
    .set({ rotatedAt: now })
    .where(and(eq(refreshTokens.id, stored.id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  if (rotated.length === 0) throw unauthorized;
  const refreshToken = await issueRefreshToken(ctx, merchant.id, stored.familyId);
  return { access: accessFor(ctx, merchant), refreshToken };
}

/** `POST /auth/logout`: revokes the token's family; an unknown token is not an error. */
export async function logout({ ctx, token }: { ctx: ServiceContext; token: string | undefined }) {
  if (!token || token.length > 200) return;
  const [stored] = await ctx.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(token)));
  if (!stored) return;
  await ctx.db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, stored.familyId), isNull(refreshTokens.revokedAt)));
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
  const [merchant] = await ctx.db.select().from(merchants).where(eq(merchants.id, id));
  return merchant && !merchant.deletedAt ? merchant : null;
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
    if (!(error instanceof ApiError && error.type === "email_taken")) throw error;
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

/** TEST_MODE: the well-known test merchant of SPEC §4, seeded at start. */
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
    webhookSecret: TEST_MERCHANT.webhookSecret,
    webhookUrl: ctx.config.testWebhookUrl ?? null,
  };
  await ctx.db.insert(merchants).values(values).onConflictDoNothing();
  if (ctx.config.testWebhookUrl) {
    await ctx.db.update(merchants).set({ webhookUrl: ctx.config.testWebhookUrl }).where(eq(merchants.id, values.id));
  }
}
