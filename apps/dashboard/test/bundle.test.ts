import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Needs dist/ (the `test` script builds first).
const assets = new URL("../dist/assets/", import.meta.url);

describe("browser bundle", () => {
  it("does not contain zod (contracts are imported as types, currency from its zod-free entry)", () => {
    const scripts = readdirSync(assets).filter((name) => name.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      const source = readFileSync(new URL(name, assets), "utf8");
      expect(source, name).not.toMatch(/ZodError|\$ZodType|zod\.dev/);
    }
  });
});
