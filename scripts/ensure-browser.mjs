#!/usr/bin/env node
// The browser tests drive Debian's Chromium through playwright-core (never a downloaded browser).
// `pnpm test` runs this first: it finds /usr/bin/chromium, installs it with apt-get where it can
// (root on Debian or Ubuntu), or stops with one sentence saying what to do.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

function run(command, args) {
  execFileSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("ensure-browser: installing Debian's chromium for the browser tests (apt-get, once)…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"]);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(
      "The browser tests need Chromium at /usr/bin/chromium: install it (Debian/Ubuntu: `sudo apt-get install chromium`) and run `pnpm test` again.",
    );
    process.exit(1);
  }
}
