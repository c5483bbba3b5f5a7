import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants } from "../src/db/schema/index.js";
import { deriveKeys, parseEnv } from "../src/env.js";
import { decryptWithAny, encrypt } from "../src/lib/crypto.js";
import { encryptLegacyWebhookSecrets, signingSecrets } from "../src/services/merchants/webhook-secrets.js";
import { type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";

// Finding 4 of issue 11: production could start on public secrets, one secret served every
// purpose, and webhook secrets were stored in clear.
describe("secrets: explicit outside TEST_MODE, one key per purpose, webhook secrets encrypted at rest", () => {
  it("refuses to start outside TEST_MODE without JWT_SECRET, naming the variable", () => {
    expect(() => parseEnv({ TEST_MODE: "false" })).toThrow(/JWT_SECRET/);
    expect(() => parseEnv({})).toThrow(/JWT_SECRET/);
    expect(() => parseEnv({ TEST_MODE: "false", JWT_SECRET: "too-short" })).toThrow(/JWT_SECRET/);
    expect(parseEnv({ TEST_MODE: "false", JWT_SECRET: "m".repeat(40) }).testMode).toBe(false);
  });

  it("derives a separate key per purpose (HKDF) from one master secret; none is the master itself", () => {
    const master = "one-master-secret-of-at-least-32-characters";
    const config = parseEnv({ TEST_MODE: "false", JWT_SECRET: master });
    const keys = [config.jwtSecret, config.encryptionKey, config.cardFingerprintKey, config.idempotencyKey];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).not.toBe(master);
    // Deterministic: every process sharing the master derives the same keys.
    expect(deriveKeys(master)).toEqual(deriveKeys(master));
    expect(deriveKeys(`${master}x`).encryptionKey).not.toBe(config.encryptionKey);
    // An explicit key wins over the derived one.
    expect(parseEnv({ TEST_MODE: "false", JWT_SECRET: master, ENCRYPTION_KEY: "e".repeat(32) }).encryptionKey).toBe(
      "e".repeat(32),
    );
  });

  it("API secrets sealed under the pre-HKDF key (JWT_SECRET itself) still open after the upgrade", () => {
    const master = "one-master-secret-of-at-least-32-characters";
    const config = parseEnv({ TEST_MODE: "false", JWT_SECRET: master });
    const sealedBefore = encrypt("secret_live_abc", master);
    expect(decryptWithAny(sealedBefore, [config.encryptionKey, ...config.legacyEncryptionKeys])).toBe("secret_live_abc");
    expect(decryptWithAny(encrypt("x", config.encryptionKey), [config.encryptionKey])).toBe("x");
    expect(() => decryptWithAny(sealedBefore, [config.encryptionKey])).toThrow();
  });

  describe("webhook secrets at rest", () => {
    let api: TestApi;
    let merchant: MerchantCredentials;
    beforeAll(async () => {
      api = await startTestApi({}, { startWorkers: false });
      merchant = await api.registerMerchant("Sealed");
    });
    afterAll(() => api?.close());

    const rowOf = async (id: string) => {
      const [row] = await api.runtime.database.db.select().from(merchants).where(eq(merchants.id, id));
      if (!row) throw new Error("merchant row missing");
      return row;
    };

    it("no column holds the webhook secret in clear, after registration and after rotation", async () => {
      const first = merchant.webhook_secret;
      const rotated = await api.request("/api/v1/merchant/webhook-secret/rotate", {
        method: "POST",
        headers: { Authorization: `Bearer ${merchant.access}` },
      });
      expect(rotated.status).toBe(200);
      const second: string = (await rotated.json()).data.webhook_secret;
      const raw = JSON.stringify(await rowOf(merchant.merchant_id));
      for (const secret of [first, second]) {
        expect(raw).not.toContain(secret);
        expect(raw).not.toContain(secret.replace(/^whsec_/, ""));
      }
      const secrets = signingSecrets(api.config, await rowOf(merchant.merchant_id));
      expect(secrets.webhookSecret).toBe(second);
      expect(secrets.previousWebhookSecret).toBe(first);
    });

    it("rows written in clear before the migration are encrypted at start", async () => {
      const other = await api.registerMerchant("Legacy");
      const db = api.runtime.database.db;
      await db.execute(
        sql`update merchants set webhook_secret = ${other.webhook_secret}, webhook_secret_ciphertext = null where id = ${other.merchant_id}`,
      );
      expect(await encryptLegacyWebhookSecrets(api.runtime.ctx)).toBe(1);
      const row = await rowOf(other.merchant_id);
      expect(row.legacyWebhookSecret).toBeNull();
      expect(JSON.stringify(row)).not.toContain(other.webhook_secret);
      expect(signingSecrets(api.config, row).webhookSecret).toBe(other.webhook_secret);
      expect(await encryptLegacyWebhookSecrets(api.runtime.ctx)).toBe(0);
    });
  });
});
