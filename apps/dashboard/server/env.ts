import { parseEnv } from "@paygate/contracts/env";
import { z } from "zod";

/**
 * The dashboard server's environment (SPEC §2), parsed once: `process.env` is read in server.ts
 * and vite.config.ts and handed here, nowhere else.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  API_URL: z.url().default("http://localhost:8000"),
});

export interface DashboardServerOptions {
  port?: number;
  /** Interface to listen on; default: all (as a container needs). Tests pass 127.0.0.1. */
  host?: string;
  /** The API the page calls; becomes its CSP connect-src. */
  apiUrl?: string;
}

export function parseDashboardEnv(source: Record<string, string | undefined>): {
  port: number;
  host?: string;
  apiUrl: string;
} {
  const env = parseEnv(envSchema, source);
  return { port: env.PORT, host: env.HOST, apiUrl: env.API_URL.replace(/\/+$/, "") };
}
