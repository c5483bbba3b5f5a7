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
