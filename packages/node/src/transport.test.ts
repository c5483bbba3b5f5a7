import { describe, expect, it } from "vitest";
import { createPayGateClient } from "./client.js";
import { PayGateError } from "./errors.js";
import { apiBase } from "./transport.js";

interface Seen {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (seen: Seen) => Response) {
  const calls: Seen[] = [];
  const fetcher = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const seen = { url: String(input), init };
    calls.push(seen);
    return respond(seen);
  }) as typeof fetch;
  return { fetcher, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

async function caught(promise: Promise<unknown>): Promise<PayGateError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PayGateError) return error;
    throw error;
  }
  throw new Error("expected a PayGateError");
}

describe("client transport", () => {
  it("normalises the base URL", () => {
    expect(apiBase("http://api:8000")).toBe("http://api:8000/api/v1");
    expect(apiBase("http://api:8000/api/v1/")).toBe("http://api:8000/api/v1");
  });

  it("sends key + secret, JSON and the Idempotency-Key, and unwraps data", async () => {
    const { fetcher, calls } = fakeFetch(() => json(201, { success: true, data: { id: "order_x" } }));
    const client = createPayGateClient({
      apiKey: "key_test_k",
      apiSecret: "secret_test_s",
      apiUrl: "http://api",
      fetch: fetcher,
    });
    const order = await client.orders.create({ amount: 100 }, { idempotencyKey: "cart-1" });
    expect(order.id).toBe("order_x");
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(calls[0]?.url).toBe("http://api/api/v1/orders");
    expect(headers["X-Api-Key"]).toBe("key_test_k");
    expect(headers["X-Api-Secret"]).toBe("secret_test_s");
    expect(headers["Idempotency-Key"]).toBe("cart-1");
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ amount: 100 });
  });

  it("builds list queries without undefined values and escapes path ids", async () => {
    const { fetcher, calls } = fakeFetch(() =>
      json(200, { success: true, data: { items: [], has_more: false, limit: 5, offset: 0 } }),
    );
    const client = createPayGateClient({ apiKey: "k", apiSecret: "s", apiUrl: "http://api", fetch: fetcher });
    await client.payments.list({ limit: 5, status: undefined, order_id: "order_1" });
    await client.refunds.get("rfnd_a/b");
    expect(calls[0]?.url).toBe("http://api/api/v1/payments?limit=5&order_id=order_1");
    expect(calls[1]?.url).toBe("http://api/api/v1/refunds/rfnd_a%2Fb");
  });

  it("maps the SPEC §3 envelope onto PayGateError", async () => {
    const { fetcher } = fakeFetch(() =>
      json(
        429,
        {
          success: false,
          exception: {
            code: 1005,
            type: "rate_limited",
            message: "Too many requests",
            description: "Rate limit of 5 requests per minute exceeded",
            param: null,
            meta: null,
            request_id: "req_123",
          },
        },
        { "Retry-After": "17" },
      ),
    );
    const client = createPayGateClient({ apiKey: "k", apiSecret: "s", fetch: fetcher });
    const error = await caught(client.orders.get("order_1"));
    expect(error).toMatchObject({ type: "rate_limited", code: 1005, status: 429, requestId: "req_123", retryAfter: 17 });
  });

  it("reports a non-PayGate body and an unreachable API distinctly", async () => {
    const html = fakeFetch(() => new Response("<h1>Bad gateway</h1>", { status: 502, headers: { "X-Request-Id": "req_proxy" } }));
    const client = createPayGateClient({ apiKey: "k", apiSecret: "s", fetch: html.fetcher });
    expect(await caught(client.orders.list())).toMatchObject({ type: "invalid_response", status: 502, requestId: "req_proxy" });

    const down = createPayGateClient({
      apiKey: "k",
      apiSecret: "s",
      fetch: (async () => {
        throw new TypeError("fetch failed");
      }) as typeof fetch,
    });
    expect(await caught(down.orders.list())).toMatchObject({ type: "connection_error", status: 0 });
  });

  it("refuses to build a client without credentials", () => {
    expect(() => createPayGateClient({ apiKey: "", apiSecret: "s" })).toThrow(/apiKey and apiSecret are required/);
  });
});
