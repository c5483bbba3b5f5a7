import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EnvError, parseEnv } from "./env.js";

const schema = z.object({
  PORT: z.coerce.number().int().default(8000),
  API_URL: z.url(),
  MODE: z.enum(["on", "off"]).default("on"),
});

describe("parseEnv", () => {
  it("returns the parsed config; an empty variable counts as unset", () => {
    expect(parseEnv(schema, { API_URL: "http://localhost:8000", PORT: "", OTHER: "x" })).toEqual({
      PORT: 8000,
      API_URL: "http://localhost:8000",
      MODE: "on",
    });
  });

  it("throws one error naming every bad variable", () => {
    let thrown: unknown;
    try {
      parseEnv(schema, { PORT: "eighty", MODE: "maybe" });
    } catch (error) {
      thrown = error;
    }
    if (!(thrown instanceof EnvError)) throw new Error(`expected an EnvError, got ${String(thrown)}`);
    const error = thrown;
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual(["API_URL", "MODE", "PORT"]);
    expect(error.message.split("\n")).toHaveLength(4);
    expect(error.message).toMatch(/^Invalid environment:\n {2}PORT: /);
  });

  it("reads process.env by default", () => {
    process.env.PARSE_ENV_TEST_URL = "http://example.test";
    expect(parseEnv(z.object({ PARSE_ENV_TEST_URL: z.url() })).PARSE_ENV_TEST_URL).toBe("http://example.test");
    delete process.env.PARSE_ENV_TEST_URL;
  });
});
