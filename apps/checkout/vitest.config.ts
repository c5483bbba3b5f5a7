import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each browser file starts its own API, checkout server, merchant page and Chromium: two at
    // a time is what 2 cores carry.
    pool: "forks",
    maxWorkers: 2,
  },
});
