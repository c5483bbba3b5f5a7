const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Field names whose values are secrets or card data, matched without case, `_` or `-`. */
const REDACTED_KEY = /password|secret|token|authorization|cookie|cvv|ciphertext|^card$|^pan$|^access$|^apikeysecret$/;
/**
 * Fields a database driver attaches to its errors: the query's parameters (every value of a
 * failed INSERT: password hashes, API secrets, webhook secrets), the query text and Postgres's
 * `detail` ("Failing row contains (…)", "Key (email)=(…)"). Dropped whole, never logged.
 */
const DROPPED_KEY = /^(parameters|params|query|detail|where|internalquery|args)$/;
/** Drizzle puts the parameters into the message itself: `Failed query: …\nparams: a,b,c`. */
const PARAMS_IN_TEXT = /\nparams:[\s\S]*?(?=\n\s+at |$)/g;
const MAX_DEPTH = 6;

const normalise = (key: string) => key.toLowerCase().replace(/[_-]/g, "");

function scrubText(text: string): string {
  return text.replace(PARAMS_IN_TEXT, "\n[query parameters not logged]");
}

/** A copy of `value` safe to log: secrets redacted, driver parameters dropped, errors flattened. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[truncated]";
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const source: Record<string, unknown> = { ...value };
  if (value instanceof Error) {
    // Own enumerable fields (code, constraint…) plus the non-enumerable essentials.
    source.type = value.name;
    source.message = value.message;
    source.stack = value.stack;
    if (value.cause !== undefined) source.cause = value.cause;
  }
  const safe: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(source)) {
    const name = normalise(key);
    if (DROPPED_KEY.test(name)) continue;
    safe[key] = REDACTED_KEY.test(name) ? "[redacted]" : redact(field, depth + 1);
  }
  return safe;
}

/**
 * A one-line JSON logger. Every field goes through `redact`: known secret fields are replaced,
 * a driver's query parameters are dropped, so a failed query never writes the row it carried.
 * Callers still never pass card data. `sink` receives each line (tests capture it).
 */
export function createLogger(level: LogLevel, name = "api", sink?: (line: string, level: LogLevel) => void): Logger {
  const threshold = levels[level];
  const write = (at: Exclude<LogLevel, "silent">, message: string, fields?: Record<string, unknown>) => {
    if (levels[at] < threshold) return;
    const safe = fields ? (redact(fields) as Record<string, unknown>) : {};
    const line = JSON.stringify({ time: new Date().toISOString(), level: at, name, message: scrubText(message), ...safe });
    if (sink) sink(line, at);
    else (at === "error" || at === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
  };
}
