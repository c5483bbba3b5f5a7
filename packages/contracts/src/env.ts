import type { z } from "zod";

/** One bad variable: its name and what is wrong with it. */
export interface EnvProblem {
  variable: string;
  message: string;
}

/** Thrown by `parseEnv`: every bad variable at once, one per line, so a deploy is fixed in one go. */
export class EnvError extends Error {
  readonly problems: readonly EnvProblem[];

  constructor(problems: readonly EnvProblem[]) {
    super(`Invalid environment:\n  ${problems.map((problem) => `${problem.variable}: ${problem.message}`).join("\n  ")}`);
    this.name = "EnvError";
    this.problems = problems;
  }
}

type Source = Record<string, string | undefined>;

// Declared here, not taken from Node's types: this package is also compiled for the browser.
declare const process: { env: Source } | undefined;

/** `process.env` where there is one (Node), an empty environment elsewhere. */
function processEnv(): Source {
  return typeof process === "undefined" ? {} : process.env;
}

/**
 * Parses an environment with a zod schema and returns the config, or throws an `EnvError`
 * listing each bad variable. An empty variable (`DATABASE_URL=`) counts as unset, as shells
 * and compose files write it, so its default applies.
 * @example
 * const config = parseEnv(z.object({ PORT: z.coerce.number().int().default(8000) }));
 */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, source: Source = processEnv()): z.output<Schema> {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  throw new EnvError(
    parsed.error.issues.map((issue) => ({
      variable: issue.path.map(String).join(".") || "(environment)",
      message: issue.message,
    })),
  );
}

/** Throws an `EnvError` for a rule a schema cannot say alone (one variable required when another is set). */
export function envProblem(variable: string, message: string): never {
  throw new EnvError([{ variable, message }]);
}
