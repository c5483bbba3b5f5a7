import { errorFromResponse, PayGateError } from "./errors.js";

/** Options every client call accepts. */
export interface RequestOptions {
  /**
   * `Idempotency-Key` (1–255 printable ASCII). Reusing a key with the same request replays the
   * first response; with a different body the API answers 422 `idempotency_key_reused`.
   */
  idempotencyKey?: string;
  /** Abort the call (combined with the client's timeout). */
  signal?: AbortSignal;
}

export interface TransportOptions {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

export type QueryValue = string | number | boolean | undefined;

export interface TransportRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  options?: RequestOptions;
}

export type Transport = <T>(request: TransportRequest) => Promise<T>;

/** Accepts `http://host:8000` or `http://host:8000/api/v1` (with or without a trailing slash). */
export function apiBase(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, "");
  return trimmed.endsWith("/api/v1") ? trimmed : `${trimmed}/api/v1`;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * One HTTP exchange with the API: auth headers, JSON in and out, the `{ success, data }`
 * envelope unwrapped, and every failure turned into a `PayGateError`.
 */
export function createTransport(options: TransportOptions): Transport {
  const base = apiBase(options.apiUrl);
  return async <T>({ method, path, query, body, options: call = {} }: TransportRequest): Promise<T> => {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "X-Api-Key": options.apiKey,
      "X-Api-Secret": options.apiSecret,
    };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (call.idempotencyKey !== undefined) headers["Idempotency-Key"] = call.idempotencyKey;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;

    let response: Response;
    let text: string;
    try {
      response = await options.fetch(`${base}${path}${queryString(query)}`, {
        method,
        headers,
        signal,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      text = await response.text();
    } catch (cause) {
      throw new PayGateError({
        type: "connection_error",
        code: 0,
        status: 0,
        message: "Could not reach the PayGate API",
        description: cause instanceof Error ? cause.message : String(cause),
        cause,
      });
    }
    if (!response.ok) throw errorFromResponse(response, text);
    try {
      const envelope = JSON.parse(text) as { success?: unknown; data?: unknown };
      if (envelope.success === true && "data" in envelope) return envelope.data as T;
    } catch {
      // falls through to the error below: a 2xx that is not our envelope (a proxy page, say)
    }
    throw new PayGateError({
      type: "invalid_response",
      code: 0,
      status: response.status,
      message: "Unexpected response",
      description: `HTTP ${response.status} without a PayGate success body`,
      requestId: response.headers.get("x-request-id"),
    });
  };
}
