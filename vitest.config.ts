import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Every package's tests in one run (`pnpm test`; one package: `pnpm --filter <pkg> test`, which is
 * `vitest run --project <name>` from here). Each project keeps its own settings; `groupOrder` runs
 * the projects one after another, as `pnpm -r --workspace-concurrency=1` did: on 2 cores, a
 * browser suite next to the API suite made both time out.
 */
/** A package folder, absolute: `pnpm --filter <pkg> test` runs Vitest from inside the package. */
const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const slow = { testTimeout: 60_000, hookTimeout: 120_000 } as const;

export default defineConfig({
  test: {
    projects: [
      // Unit tests: quick and light, so they share the first group.
      {
        test: { name: "contracts", root: dir("packages/contracts"), include: ["src/**/*.test.ts"], sequence: { groupOrder: 0 } },
      },
      {
        test: {
          name: "sdk",
          root: dir("packages/sdk"),
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: "web-server",
          root: dir("packages/web-server"),
          include: ["src/**/*.test.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: "api",
          root: dir("apps/api"),
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          ...slow,
          pool: "forks",
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: "node",
          root: dir("packages/node"),
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          ...slow,
          pool: "forks",
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: "checkout",
          root: dir("apps/checkout"),
          include: ["src/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts"],
          ...slow,
          // Each browser file starts its own API, checkout server, merchant page and Chromium: two
          // at a time is what 2 cores carry.
          pool: "forks",
          maxWorkers: 2,
          sequence: { groupOrder: 3 },
        },
      },
      {
        test: {
          name: "dashboard",
          root: dir("apps/dashboard"),
          include: ["src/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts"],
          ...slow,
          pool: "forks",
          sequence: { groupOrder: 4 },
        },
      },
      {
        test: {
          name: "merchant",
          root: dir("examples/merchant"),
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          ...slow,
          pool: "forks",
          maxWorkers: 2,
          sequence: { groupOrder: 5 },
        },
      },
    ],
  },
});
