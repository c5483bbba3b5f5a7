import type { MerchantRow } from "../../db/schema/index.js";

/**
 * A short-lived, per-process cache of merchants by API key or by id (Bearer tokens), so
 * authenticating a caller costs no query on the hot path. Rotation and deletion invalidate it here at once;
 * other API processes see them within `ttlMs`.
 */
export function createCredentialCache(ttlMs = 1000) {
  const entries = new Map<string, { merchant: MerchantRow; expires: number }>();
  return {
    get(apiKey: string): MerchantRow | undefined {
      const entry = entries.get(apiKey);
      if (!entry) return undefined;
      if (entry.expires < Date.now()) {
        entries.delete(apiKey);
        return undefined;
      }
      return entry.merchant;
    },
    set(apiKey: string, merchant: MerchantRow) {
      if (entries.size > 10_000) entries.clear();
      entries.set(apiKey, { merchant, expires: Date.now() + ttlMs });
    },
    invalidate(merchantId: string) {
      for (const [apiKey, entry] of entries) if (entry.merchant.id === merchantId) entries.delete(apiKey);
    },
  };
}

export type CredentialCache = ReturnType<typeof createCredentialCache>;
