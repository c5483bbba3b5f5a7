/**
 * Helpers for tests anywhere in the workspace (`@paygate/api/testing`). Nothing here is used by
 * the running product.
 */
import { createServer } from "node:net";

export { pdfText } from "./services/documents/pdf-text.js";

const RESERVED_LOW = 20_000;
const RESERVED_HIGH = 32_700; // Linux hands out ephemeral ports from 32768 up

/**
 * A loopback port that is free now, for servers that must know each other's address before they
 * start. It is picked below the ephemeral range: a port from `listen(0)` could be taken meanwhile
 * by any outgoing connection (a database client, a browser), one from here cannot.
 */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = RESERVED_LOW + Math.floor(Math.random() * (RESERVED_HIGH - RESERVED_LOW));
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, host, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("no free loopback port found");
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
