#!/usr/bin/env node
// Dependency audit for CI: `pnpm audit --prod --json`, failing on a high or critical advisory
// that scripts/audit-allowlist.json does not accept (each entry: id, reason, until).
// When the registry's audit endpoint cannot be reached (offline CI, a mirror without it) this
// prints a warning and passes: an audit that cannot run must not block every build, but it
// must say so. `--report <file>` judges a saved report instead of asking the registry.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FAILING = new Set(["high", "critical"]);
const root = fileURLToPath(new URL("../", import.meta.url));

/** The advisories that fail the build: high/critical, not allow-listed (or allow-listed past `until`). */
export function blockingAdvisories(report, allowlist, now = new Date()) {
  const accepted = new Map(allowlist.map((entry) => [entry.id, entry]));
  return Object.values(report.advisories ?? {}).filter((advisory) => {
    if (!FAILING.has(advisory.severity)) return false;
    const entry = accepted.get(advisory.github_advisory_id) ?? accepted.get(String(advisory.id));
    return !entry || (entry.until !== undefined && new Date(entry.until) < now);
  });
}

function readReport() {
  const at = process.argv.indexOf("--report");
  if (at !== -1) return JSON.parse(readFileSync(process.argv[at + 1], "utf8"));
  const result = spawnSync("pnpm", ["audit", "--prod", "--json"], { cwd: root, encoding: "utf8", timeout: 120_000 });
  try {
    return JSON.parse(result.stdout);
  } catch {
    return { error: { message: (result.stderr || result.error?.message || "no output").trim().slice(0, 500) } };
  }
}

function main() {
  const allowlist = JSON.parse(readFileSync(new URL("audit-allowlist.json", import.meta.url), "utf8"));
  const report = readReport();
  if (report.error) {
    console.warn(`audit: WARNING: the dependency audit could not run (${report.error.code ?? "error"}: ${report.error.message})`);
    return 0;
  }
  const counts = report.metadata?.vulnerabilities ?? {};
  console.log(`audit: ${JSON.stringify(counts)} across ${report.metadata?.dependencies ?? "?"} production dependencies`);
  const blocking = blockingAdvisories(report, allowlist);
  for (const advisory of blocking) {
    console.error(
      `audit: ${advisory.severity} ${advisory.github_advisory_id ?? advisory.id} in ${advisory.module_name} ${advisory.vulnerable_versions ?? ""}: ${advisory.title} ${advisory.url ?? ""}`,
    );
  }
  if (blocking.length > 0) {
    console.error(
      `audit: ${blocking.length} high/critical advisories; upgrade, or accept each in scripts/audit-allowlist.json with a reason`,
    );
    return 1;
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
