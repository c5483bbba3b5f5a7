import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Every package's tests in one run (`pnpm test`; one package: `pnpm --filter <pkg> test`, which is
 * `vitest run --project <name>` from here). Each project keeps its own settings; `groupOrder` runs
 * the projects one after another, as `pnpm -r --workspace-concurrency=1` did: on 2 cores, a
 * browser suite next to the API suite made both time out.
 */
interface ProjectSettings {
  include?: string[];
  pool?: "forks";
  maxWorkers?: number;
  testTimeout?: number;
  hookTimeout?: number;
}

/** A package's tests beside the code and under test/; its folder is absolute because `pnpm --filter <pkg> test` runs Vitest from inside the package. */
function project(name: string, path: string, groupOrder: number, settings: ProjectSettings = {}) {
  const root = fileURLToPath(new URL(path, import.meta.url));
  return { test: { name, root, include: ["src/**/*.test.ts", "test/**/*.test.ts"], sequence: { groupOrder }, ...settings } };
}

// Servers, databases and browsers: slower than unit tests, each file in its own process.
const slow = { testTimeout: 60_000, hookTimeout: 120_000, pool: "forks" } as const;
const withServer = ["src/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts"];

export default defineConfig({
  test: {
    projects: [
      // Unit tests: quick and light, so they share the first group.
      project("contracts", "packages/contracts", 0),
      project("sdk", "packages/sdk", 0),
      project("web-server", "packages/web-server", 0),
      // The repository's scripts (the pnpm dev banner); one file starts a real API.
      project("scripts", "scripts", 0, { ...slow, include: ["**/*.test.mjs"] }),
      project("api", "apps/api", 1, { ...slow, maxWorkers: 2 }),
      project("node", "packages/node", 2, { ...slow, maxWorkers: 2 }),
      // Each browser file starts its own API, checkout server, merchant page and Chromium: two at a
      // time is what 2 cores carry.
      project("checkout", "apps/checkout", 3, { ...slow, maxWorkers: 2, include: withServer }),
      project("dashboard", "apps/dashboard", 4, { ...slow, include: withServer }),
      project("merchant", "examples/merchant", 5, { ...slow, maxWorkers: 2 }),
    ],
  },
});
