#!/usr/bin/env node
// `pnpm dev`: the whole product on one machine with no external service (SPEC §2).
// API with in-process workers on PGlite under .data/, TEST_MODE on, the seeded test merchant's
// webhook URL pointing at the example shop; checkout, dashboard (when present) and the shop.
// Plain Node ESM with no dependencies, so it runs right after `pnpm install`.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { formatBanner, readTestMerchant } from "./dev-banner.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const env = process.env;
const port = (name, fallback) => Number(env[name] ?? fallback);
const ports = {
  api: port("API_PORT", 8000),
  checkout: port("CHECKOUT_PORT", 3001),
  dashboard: port("DASHBOARD_PORT", 3000),
  merchant: port("MERCHANT_PORT", 4000),
};
const dataDir = resolve(env.PAYGATE_DATA_DIR ?? join(root, ".data"));
const urls = Object.fromEntries(Object.entries(ports).map(([name, p]) => [name, `http://localhost:${p}`]));
// The test merchant's URL when its database is first created (later starts keep whatever it is set to).
const webhookUrl = env.TEST_WEBHOOK_URL ?? `${urls.merchant}/webhooks/paygate`;
// The example shop's own admin (a shop login, not a PayGate one): a dev-only default, printed below.
const shopAdmin = {
  SHOP_ADMIN_EMAIL: env.SHOP_ADMIN_EMAIL ?? "admin@chai.test",
  SHOP_ADMIN_PASSWORD: env.SHOP_ADMIN_PASSWORD ?? "chai-admin-dev",
};
const shared = { API_URL: urls.api, CHECKOUT_URL: urls.checkout, DASHBOARD_URL: urls.dashboard, TEST_MODE: "true" };

/**
 * What to run. `scripts` is tried in order; an app whose folder or script is missing is skipped.
 * The front ends prefer `dev` (Vite, live reload, builds the SDK first) over `start` (needs a build).
 */
const services = [
  {
    label: "api",
    dir: "apps/api",
    scripts: ["start"],
    required: true,
    health: `${urls.api}/health`,
    env: { ...shared, PORT: ports.api, PGLITE_DIR: join(dataDir, "pglite"), TEST_WEBHOOK_URL: webhookUrl },
  },
  {
    label: "checkout",
    dir: "apps/checkout",
    scripts: ["dev", "start"],
    health: `${urls.checkout}/sdk.js`,
    env: { ...shared, PORT: ports.checkout },
  },
  {
    label: "dashboard",
    dir: "apps/dashboard",
    scripts: ["dev", "start"],
    health: urls.dashboard,
    env: { ...shared, PORT: ports.dashboard },
  },
  {
    label: "merchant",
    dir: "examples/merchant",
    scripts: ["start"],
    health: `${urls.merchant}/health`,
    env: { ...shared, ...shopAdmin, PORT: ports.merchant, MERCHANT_DATA_DIR: join(dataDir, "merchant") },
  },
];

const colors = { api: 36, checkout: 35, dashboard: 33, merchant: 32, dev: 1 };
const width = Math.max(...Object.keys(colors).map((name) => name.length)) + 2;
function log(label, line, stream = process.stdout) {
  const tag = `[${label}]`.padEnd(width);
  stream.write(`${process.stdout.isTTY ? `\x1b[${colors[label] ?? 0}m${tag}\x1b[0m` : tag} ${line}\n`);
}

function plan(service) {
  const manifestPath = join(root, service.dir, "package.json");
  if (!existsSync(manifestPath)) return { skip: `${service.dir} does not exist yet` };
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const script = service.scripts.find((name) => manifest.scripts?.[name]);
  if (!script) return { skip: `${manifest.name} has no ${service.scripts.join(" or ")} script` };
  return { name: manifest.name, script };
}

if (!existsSync(join(root, "node_modules"))) {
  log("dev", "node_modules is missing: run `pnpm install` first.", process.stderr);
  process.exit(1);
}

const running = [];
let stopping = false;

function start(service, { name, script }) {
  const child = spawn("pnpm", ["--silent", "--filter", name, "run", script], {
    cwd: root,
    env: { ...env, ...Object.fromEntries(Object.entries(service.env).map(([k, v]) => [k, String(v)])) },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stopping it also stops what pnpm started (tsx, node, vite).
    detached: true,
  });
  const entry = { service, child, gone: false, exited: new Promise((done) => child.once("exit", done)) };
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => log(service.label, line));
  }
  child.once("exit", (code, signal) => {
    entry.gone = true;
    if (stopping) return;
    log("dev", `${service.label} exited (${signal ?? `code ${code}`})${service.required ? ": stopping everything" : ""}`);
    if (service.required) stop(1);
  });
  running.push(entry);
  return entry;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  log("dev", "stopping…");
  for (const { child } of running) signalGroup(child, "SIGTERM");
  const force = setTimeout(() => {
    for (const { child } of running) signalGroup(child, "SIGKILL");
  }, 8000);
  await Promise.all(running.map((entry) => entry.exited));
  clearTimeout(force);
  process.exit(exitCode);
}

// The children run in their own process groups, so a closing terminal reaches them only through us.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(0));

/** Resolves true once `url` answers below 500; false if the process exits or time runs out. */
async function waitForHealth(url, entry, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping && !entry.gone) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  return false;
}

const entries = [];
for (const service of services) {
  const decision = plan(service);
  if (decision.skip) {
    if (service.required) {
      log("dev", `cannot start: ${decision.skip}`, process.stderr);
      process.exit(1);
    }
    log("dev", `skipping ${service.label}: ${decision.skip}`);
    continue;
  }
  entries.push(start(service, decision));
}

const health = await Promise.all(entries.map((entry) => waitForHealth(entry.service.health, entry)));
if (!stopping) {
  const adminPassword = env.SHOP_ADMIN_PASSWORD ? "(SHOP_ADMIN_PASSWORD)" : shopAdmin.SHOP_ADMIN_PASSWORD;
  const banner = formatBanner({
    services: entries.map(({ service, gone }, index) => ({
      label: service.label,
      url: urls[service.label],
      note: gone ? "  (exited: see its log lines above)" : health[index] ? "" : "  (not answering yet)",
    })),
    apiUrl: urls.api,
    dataDir,
    shopAdmin: entries.some(({ service }) => service.label === "merchant")
      ? { email: shopAdmin.SHOP_ADMIN_EMAIL, password: adminPassword, url: urls.merchant }
      : undefined,
    merchant: await readTestMerchant(urls.api),
  });
  for (const line of banner) log("dev", line);
  log("dev", `Open ${urls.merchant}, create an account, and pay with 4242 4242 4242 4242. Ctrl-C stops everything.`);
}
