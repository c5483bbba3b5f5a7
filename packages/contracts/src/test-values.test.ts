import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { magicCardOutcome, magicCards, magicVpas, threeDsOtp } from "./test-values.js";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

/** The README's "## Test values" section, up to the next heading. */
function testValuesSection(): string {
  const start = readme.indexOf("## Test values");
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** What a row's outcome cell says, in the table's vocabulary. */
function outcomeOf(cell: string): string {
  if (/^success$/i.test(cell.trim())) return "success";
  if (/3-D Secure/.test(cell)) return "3ds";
  const code = /`([a-z_]+)`/.exec(cell)?.[1];
  if (!code) throw new Error(`README outcome without a code: ${cell}`);
  return code;
}

describe("the README's test values", () => {
  const section = testValuesSection();
  const rows = section
    .split("\n")
    .filter((line) => /^\|\s*\d{4}/.test(line))
    .map((line) => line.split("|").map((cell) => cell.trim()));

  it("list exactly the magic cards, each with its outcome", () => {
    const documented = new Map<string, string>();
    for (const [, numbers = "", outcome = ""] of rows) {
      for (const number of numbers.split(",")) documented.set(number.replace(/\D/g, ""), outcomeOf(outcome));
    }
    const table = new Map(Object.entries(magicCards).map(([digits, card]) => [digits, card.outcome]));
    expect(documented).toEqual(table);
  });

  it("give the 3-D Secure OTP and the magic UPI IDs", () => {
    const threeDsRow = rows.find(([, numbers = ""]) => magicCardOutcome(numbers) === "3ds");
    expect(threeDsRow?.[2]).toContain(`\`${threeDsOtp}\``);
    for (const vpa of Object.keys(magicVpas)) expect(section).toContain(`\`${vpa}\``);
  });
});
