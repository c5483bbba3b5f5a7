import { envProblem, parseEnv } from "@paygate/contracts/env";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0", ""]).transform((value) => value === "true" || value === "1");

/**
 * The checkout server's environment (SPEC §2), parsed once: `process.env` is read in server.ts
 * and handed here, nowhere else.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  HOST: z.string().min(1).optional(),
  API_URL: z.url().default("http://localhost:8000"),
  TEST_MODE: bool.optional(),
  /** Merchant origins allowed to frame the checkout outside TEST_MODE, space- or comma-separated. */
  FRAME_ANCESTORS: z.string().optional(),
});

export interface CheckoutServerOptions {
  port?: number;
  /** Interface to listen on; default: all (as a container needs). Tests pass 127.0.0.1. */
  host?: string;
  /** The API the page calls; becomes its CSP connect-src. */
  apiUrl?: string;
  /** TEST_MODE: any page may frame the checkout (frame-ancestors *). */
  testMode?: boolean;
  /** Outside test mode, the origins allowed to frame the checkout. */
  frameAncestors?: string[];
}

export function parseCheckoutEnv(source: Record<string, string | undefined>): Required<Omit<CheckoutServerOptions, "host">> & {
  host?: string;
} {
  const env = parseEnv(envSchema, source);
  const frameAncestors = (env.FRAME_ANCESTORS ?? "").split(/[\s,]+/).filter(Boolean);
  for (const origin of frameAncestors) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) envProblem("FRAME_ANCESTORS", `"${origin}" is not an origin`);
  }
  return { port: env.PORT, host: env.HOST, apiUrl: env.API_URL, testMode: env.TEST_MODE ?? false, frameAncestors };
}
