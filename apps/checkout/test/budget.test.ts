import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";

// Runs after `pnpm run build` (the test script builds first).
const dist = new URL("../dist/", import.meta.url);
const BUDGET = 30 * 1024;
const gzipSize = (path: string) => gzipSync(readFileSync(new URL(`.${path}`, dist)), { level: 9 }).length;

it(`the checkout's initial JS fits the ${BUDGET} B min+gzip budget of SPEC §11`, () => {
  const html = readFileSync(new URL("index.html", dist), "utf8");
  // Initial JS: the entry script and everything the page preloads with it.
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map(
    (match) => (match[1] ?? match[2]) as string,
  );
  expect(scripts.length).toBeGreaterThan(0);
  const sizes = scripts.map((path) => [path, gzipSize(path)] as const);
  const total = sizes.reduce((sum, [, size]) => sum + size, 0);
  const css = [...html.matchAll(/<link rel="stylesheet"[^>]+href="([^"]+)"/g)].map((match) => gzipSize(match[1] as string));
  console.log(
    `checkout initial JS: ${total} B min+gzip (budget ${BUDGET} B) in ${sizes.map(([path, size]) => `${path} ${size} B`).join(", ")}; CSS ${css.join(" + ")} B`,
  );
  expect(total).toBeLessThanOrEqual(BUDGET);
});

it("no zod in the page: the contracts are used for types only", () => {
  const html = readFileSync(new URL("index.html", dist), "utf8");
  const entry = /<script[^>]+src="([^"]+)"/.exec(html)?.[1] as string;
  expect(readFileSync(new URL(`.${entry}`, dist), "utf8")).not.toMatch(/ZodError|\$ZodType/);
});
