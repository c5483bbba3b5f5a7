import { fileURLToPath } from "node:url";
import { parseEnv } from "@paygate/contracts/env";
import { z } from "zod";

/**
 * The shop's environment, parsed once; `process.env` is read here and nowhere else.
 * Credentials default to the API's seeded test merchant, fetched from `/test/merchant`.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  API_URL: z.url().default("http://localhost:8000"),
  CHECKOUT_URL: z.url().default("http://localhost:3001"),
  PAYGATE_API_KEY: z.string().min(1).optional(),
  PAYGATE_API_SECRET: z.string().min(1).optional(),
  PAYGATE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  /** The shop's admin; without both, no admin account exists (and nobody can refund). */
  SHOP_ADMIN_EMAIL: z.email().optional(),
  SHOP_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** The URL shoppers use, if a proxy sits in front (https makes the session cookie Secure). */
  SHOP_URL: z.url().optional(),
  MERCHANT_DATA_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL("../.data/", import.meta.url))),
});

export type MerchantEnv = z.infer<typeof envSchema>;

export function parseMerchantEnv(source: Record<string, string | undefined>): MerchantEnv {
  return parseEnv(envSchema, source);
}

export const loadMerchantEnv = () => parseMerchantEnv(process.env);
