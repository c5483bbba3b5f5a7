import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * docker-compose.yml must stay valid (`docker compose config` parses and interpolates it with no
 * engine running) and every build target it names must exist in the Dockerfile.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url));

function runs(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", timeout: 30_000 });
  return result.status === 0;
}

// The compose v2 plugin (`docker compose`) when present, else the standalone v1 `docker-compose`.
const hasDocker = runs("docker", ["--version"]);
const compose: string[] | null = runs("docker", ["compose", "version"])
  ? ["docker", "compose"]
  : runs("docker-compose", ["version"])
    ? ["docker-compose"]
    : null;
const skipReason = !hasDocker
  ? "the docker binary is absent"
  : !compose
    ? "docker is installed but neither the compose plugin nor docker-compose is (apt-get install docker-compose)"
    : null;
if (skipReason) console.warn(`[compose] skipped: ${skipReason}`);

// The compose file has no default secrets (issue 11, finding 4): every run supplies them.
const SECRETS = { JWT_SECRET: "compose-config-test-secret-0123456789abcdef", POSTGRES_PASSWORD: "compose-config-test" };

function runCompose(args: string[], env: Record<string, string | undefined> = SECRETS) {
  const [command, ...prefix] = compose ?? [];
  const { JWT_SECRET: _jwt, POSTGRES_PASSWORD: _pg, PUBLISH_ADDRESS: _address, ...inherited } = process.env;
  return spawnSync(command ?? "docker", [...prefix, ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...inherited, ...env },
  });
}

describe.skipIf(skipReason !== null)("docker-compose.yml", () => {
  it("is valid: `config -q` exits 0", () => {
    const result = runCompose(["config", "-q"]);
    expect(result.stderr).not.toMatch(/invalid|error/i);
    expect(result.status).toBe(0);
  });

  it("refuses to interpolate without an explicit JWT_SECRET or POSTGRES_PASSWORD, naming the variable", () => {
    const noJwt = runCompose(["config", "-q"], { POSTGRES_PASSWORD: SECRETS.POSTGRES_PASSWORD });
    expect(noJwt.status).not.toBe(0);
    expect(noJwt.stderr).toContain("JWT_SECRET");
    const noPassword = runCompose(["config", "-q"], { JWT_SECRET: SECRETS.JWT_SECRET });
    expect(noPassword.status).not.toBe(0);
    expect(noPassword.stderr).toContain("POSTGRES_PASSWORD");
    expect(readFileSync(`${root}docker-compose.yml`, "utf8")).not.toMatch(/JWT_SECRET:-|POSTGRES_PASSWORD:-/);
  });

  it("publishes every port on 127.0.0.1 by default", () => {
    const result = runCompose(["config"]);
    expect(result.status).toBe(0);
    const published = [...result.stdout.matchAll(/^\s+- (?:"|')?([\d.:]+\/?\w*)(?:"|')?$/gm)].map((match) => match[1]);
    const mappings = published.filter((entry) => entry?.split(":").length === 3);
    expect(mappings.length).toBe(4);
    for (const mapping of mappings) expect(mapping).toMatch(/^127\.0\.0\.1:/);
  });

  it("defines postgres, api, worker, checkout, dashboard and merchant", () => {
    const result = runCompose(["config", "--services"]);
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n").filter(Boolean).sort()).toEqual([
      "api",
      "checkout",
      "dashboard",
      "merchant",
      "postgres",
      "worker",
    ]);
  });

  it("builds only targets the Dockerfile defines", () => {
    const dockerfile = readFileSync(`${root}Dockerfile`, "utf8");
    const stages = new Set([...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((match) => match[1]));
    const targets = [...readFileSync(`${root}docker-compose.yml`, "utf8").matchAll(/^\s+target: (\S+)$/gm)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThanOrEqual(4);
    for (const target of targets) expect(stages, `Dockerfile stage ${target}`).toContain(target);
  });
});
