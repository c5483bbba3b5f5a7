import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, parseEnv, type Runtime } from "../src/index.js";
import { createLogger } from "../src/lib/logger.js";
import { createTestDatabaseUrl } from "./helpers.js";

// Finding 3 of issue 11 (logging part): a failed query logged its SQL parameters, i.e. the
// password hash, the API secret's hash and ciphertext and the plaintext webhook secret.
describe("logs never hold query parameters or secrets", () => {
  const lines: string[] = [];
  let runtime: Runtime;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = await createTestDatabaseUrl();
    drop = database?.drop;
    const config = parseEnv({
      TEST_MODE: "true",
      LOG_LEVEL: "debug",
      RATE_LIMIT_AUTH_PER_MIN: "100000",
      ...(database ? { DATABASE_URL: database.url } : {}),
    });
    runtime = await createRuntime(config, {
      startWorkers: false,
      logger: createLogger("debug", "api", (line) => lines.push(line)),
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await drop?.();
  });

  it("a database error during registration logs the failure without the row's values", async () => {
    // A constraint the insert breaks: the driver's error then carries the query, its parameters
    // and (Postgres) a "Failing row contains (…)" detail with every value.
    await runtime.database.db.execute(sql.raw(`alter table merchants add constraint boom check (name <> 'Boom Shop')`));
    const password = "a-very-private-passphrase";
    const response = await runtime.app.request("/api/v1/auth/register", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "boom@example.com", name: "Boom Shop", password }),
    });
    expect(response.status).toBe(500);
    const errorLines = lines.filter((line) => line.includes('"level":"error"'));
    expect(errorLines.length).toBeGreaterThan(0);
    const text = lines.join("\n");
    expect(text).toContain("boom"); // the constraint's name: the cause is still there to debug
    for (const leak of [
      "scrypt$",
      "secret_test_",
      "secret_live_",
      "whsec_",
      password,
      "Failing row",
      "params:",
      "boom@example.com",
    ]) {
      expect(text).not.toContain(leak);
    }
  });

  it("known secret fields are redacted wherever they appear", () => {
    const logger = createLogger("debug", "api", (line) => lines.push(line));
    logger.error("probe", {
      password: "p1",
      api_secret: "s1",
      nested: { webhookSecret: "w1", authorization: "Bearer t1", list: [{ cvv: "123", token: "t2" }] },
      parameters: ["x1"],
      query: "insert into merchants values ($1)",
      error: Object.assign(new Error("failed"), { parameters: ["x2"], query: "select $1", detail: "Failing row contains (x3)" }),
    });
    const line = lines.at(-1) ?? "";
    for (const leak of ["p1", "s1", "w1", "t1", "t2", '"123"', "x1", "x2", "x3", "insert into", "select $1"])
      expect(line).not.toContain(leak);
    expect(line).toContain("failed");
    expect(line).toContain("[redacted]");
  });
});
