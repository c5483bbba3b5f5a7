import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";

// Runs after `pnpm run build` (the test script builds first).
const dist = new URL("../dist/", import.meta.url);
const BUDGET = 2 * 1024;

it(`sdk.js fits the ${BUDGET} B min+gzip budget of SPEC §10`, () => {
  const code = readFileSync(new URL("sdk.js", dist));
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`sdk.js: ${code.length} B minified, ${gzipped} B min+gzip (budget ${BUDGET} B)`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET);
});

it("sdk.js bundles no dependency: no zod, no imports", () => {
  const code = readFileSync(new URL("sdk.js", dist), "utf8");
  expect(code).not.toMatch(/zod|ZodError|\bimport\b|require\(/i);
  expect(code).toMatch(/window\.PaymentGateway=/);
});

it("the ESM build ships with its types", () => {
  expect(readFileSync(new URL("index.js", dist), "utf8")).toMatch(/export \{[^}]*PaymentGateway/);
  expect(existsSync(new URL("index.d.ts", dist))).toBe(true);
});
