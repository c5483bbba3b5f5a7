import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Config } from "./env.js";
import { createRuntime, type Runtime } from "./runtime.js";

export interface ApiServer {
  url: string;
  port: number;
  runtime: Runtime;
  close(): Promise<void>;
}

/**
 * The API runtime behind an HTTP port (0 picks a free one). `main` uses it, and so do tests
 * elsewhere in the workspace that need the real API on loopback.
 * @example const api = await startApiServer(parseEnv({ TEST_MODE: "true" }), { hostname: "127.0.0.1", port: 0 })
 */
export async function startApiServer(config: Config, options: { hostname?: string; port?: number } = {}): Promise<ApiServer> {
  const runtime = await createRuntime(config);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: runtime.app.fetch, port: options.port ?? config.port, hostname: options.hostname }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.hostname ?? "localhost"}:${port}`,
    port,
    runtime,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}
