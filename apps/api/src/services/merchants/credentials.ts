import { randomBytes } from "node:crypto";
import type { Config } from "../../env.js";
import { randomToken } from "../../lib/crypto.js";

/** New merchant credentials: a publishable key, a secret and a Standard Webhooks secret. */
export function newApiKey(config: Config): string {
  return `key_${config.testMode ? "test" : "live"}_${randomToken(12)}`;
}

export function newApiSecret(config: Config): string {
  return `secret_${config.testMode ? "test" : "live"}_${randomToken(24)}`;
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}
