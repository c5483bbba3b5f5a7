import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const packages = ["packages/node", "packages/sdk"];

/**
 * `pnpm pack` rebuilds dist/ in the package folder, so two test files packing at once (Vitest
 * runs them in parallel) would pack each other's half-written files: one packs at a time.
 */
async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `paygate-pack-${createHash("sha256").update(repo).digest("hex").slice(0, 12)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after 10 minutes.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface ConsumerProject {
  /** A folder under the OS temp dir, outside the workspace, with the tarballs installed by npm. */
  dir: string;
  /** The packed tarballs' file names. */
  tarballs: string[];
  /** Runs `node <file>` in the project. */
  node(file: string, env?: Record<string, string>, timeoutMs?: number): Promise<{ stdout: string; stderr: string }>;
  /** Runs the repository's TypeScript compiler in the project. */
  tsc(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  remove(): void;
}

/**
 * `pnpm pack` @paygate/node and @paygate/sdk (their `prepack` builds dist/), then `npm install`
 * the tarballs into a fresh project under the OS temp dir, as a merchant outside this repository
 * would. zod, the one runtime dependency, is packed from the workspace's copy so the install
 * needs no network (`--offline`).
 */
export async function createConsumerProject(): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), "paygate-consumer-"));
  const tarballDir = join(dir, "tarballs");
  mkdirSync(tarballDir);
  await oneAtATime(async () => {
    for (const pkg of packages) {
      await run("pnpm", ["pack", "--pack-destination", tarballDir], { cwd: join(repo, pkg), maxBuffer: 16 * 1024 * 1024 });
    }
  });
  const tarballs = readdirSync(tarballDir);
  // pnpm's store hard-links identical files: dereference them, or npm drops the links on unpack.
  const zod = realpathSync(join(repo, "packages/node/node_modules/zod"));
  await run("tar", [
    "-czf",
    join(tarballDir, "zod.tgz"),
    "--hard-dereference",
    "--transform",
    "s,^zod,package,",
    "-C",
    dirname(zod),
    "zod",
  ]);

  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "merchant-server", private: true, type: "module" }));
  const installed = [...tarballs, "zod.tgz"].map((name) => `./tarballs/${name}`);
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", ...installed], {
    cwd: dir,
    // npm must not see this repository's workspace or a parent's config.
    env: { ...process.env, npm_config_workspaces: "false", npm_config_package_lock: "false" },
  });

  return {
    dir,
    tarballs,
    node: (file, env = {}, timeoutMs = 60_000) =>
      run(process.execPath, [file], { cwd: dir, env: { ...process.env, ...env }, timeout: timeoutMs }),
    tsc: (...args) => run(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), ...args], { cwd: dir }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
