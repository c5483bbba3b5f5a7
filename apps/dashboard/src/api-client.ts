import type { ErrorEnvelope, RefreshResult, SuccessEnvelope } from "@paygate/contracts";

/** The §3 error, as the dashboard shows it; `network_error` when the API was unreachable. */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    readonly code: number,
    readonly status: number,
    description: string,
    readonly param: string | null = null,
    readonly requestId: string | null = null,
  ) {
    super(description);
  }
}

// What arrives is not validated (zod stays out of the bundle), so every exception field is
// treated as possibly missing: a proxy or an older API may answer with less.
type Envelope = SuccessEnvelope<unknown> | { success: false; exception: Partial<ErrorEnvelope["exception"]> };

/**
 * Unwraps a §3 envelope: `data` on success, an ApiError otherwise. Anything that is not an
 * envelope (a proxy's HTML 502, an empty body) still becomes an ApiError, never a TypeError.
 */
export async function readEnvelope<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as Envelope | null;
  if (body && body.success === true && response.ok) return body.data as T;
  const exception = body && body.success === false ? body.exception : undefined;
  if (!exception) {
    throw new ApiError("internal_error", 1500, response.status, `PayGate answered ${response.status}. Try again.`);
  }
  throw new ApiError(
    exception.type ?? "internal_error",
    exception.code ?? 1500,
    response.status,
    exception.description || exception.message || `PayGate answered ${response.status}.`,
    exception.param ?? null,
    exception.request_id ?? null,
  );
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | undefined>;
}

export interface ApiClientOptions {
  apiUrl: string;
  fetch?: typeof fetch;
  /** Called when the session is gone (refresh failed): the app shows the login page. */
  onSignedOut?: () => void;
}

/**
 * The dashboard's only door to the API. It keeps the short-lived access token in memory (never
 * in storage, where injected script could read it) and renews it with the HttpOnly refresh
 * cookie when a call answers 401.
 */
export function createApiClient({ apiUrl, fetch: fetchImpl = globalThis.fetch.bind(globalThis), onSignedOut }: ApiClientOptions) {
  const base = `${apiUrl}/api/v1`;
  let access: string | null = null;
  // Refresh tokens rotate and a reused one revokes the whole login, so concurrent 401s must
  // share one refresh instead of racing with the same cookie.
  let refreshing: Promise<string | null> | null = null;

  async function send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(`${base}${path}`, init);
    } catch {
      throw new ApiError("network_error", 0, 0, "We could not reach PayGate. Check your connection and try again.");
    }
  }

  /** The auth endpoints need the refresh cookie, which lives on the API's origin. */
  const authCall = async <T>(path: string, body?: unknown) =>
    readEnvelope<T>(
      await send(path, {
        method: "POST",
        credentials: "include",
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  function refresh(): Promise<string | null> {
    refreshing ??= authCall<RefreshResult>("/auth/refresh")
      .then(
        (data) => data.access,
        () => null,
      )
      .then((token) => {
        access = token;
        return token;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  function url(path: string, query: RequestOptions["query"]): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== "") params.set(key, String(value));
    }
    const search = params.toString();
    return search ? `${path}?${search}` : path;
  }

  /** Sends with the access token; a 401 refreshes it once and retries. */
  async function authorized(attempt: () => Promise<Response>): Promise<Response> {
    let response = await attempt();
    if (response.status === 401) {
      if (await refresh()) response = await attempt();
      else onSignedOut?.();
    }
    return response;
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const attempt = () =>
      send(url(path, options.query), {
        method: options.method ?? "GET",
        headers: {
          ...(access ? { Authorization: `Bearer ${access}` } : {}),
          ...(options.body === undefined ? {} : { "Content-Type": "application/json" }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    return readEnvelope<T>(await authorized(attempt));
  }

  /** A file behind auth (an invoice PDF): a plain link would not carry the access token. */
  async function file(path: string): Promise<Blob> {
    const response = await authorized(() => send(path, { headers: access ? { Authorization: `Bearer ${access}` } : {} }));
    if (!response.ok) await readEnvelope(response);
    return response.blob();
  }

  return {
    request,
    get: <T>(path: string, query?: RequestOptions["query"]) => request<T>(path, { query }),
    post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
      request<T>(path, { method: "POST", body, headers }),
    patch: <T>(path: string, body: unknown) => request<T>(path, { method: "PATCH", body }),
    del: <T>(path: string) => request<T>(path, { method: "DELETE" }),
    file,
    /** Starts a session; the returned data also carries the role and, for sign-up, the secrets. */
    async signIn<T extends { access: string }>(kind: "token" | "register", body: unknown): Promise<T> {
      const data = await authCall<T>(`/auth/${kind}`, body);
      access = data.access;
      return data;
    },
    /** Resumes a session from the refresh cookie after a reload; null when there is none. */
    resume: () => refresh(),
    async signOut(): Promise<void> {
      access = null;
      await authCall("/auth/logout").catch(() => undefined);
    },
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
