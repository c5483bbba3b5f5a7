import { describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient, readEnvelope } from "./api-client.js";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const failure = (status: number, type: string, code: number) =>
  json(status, {
    success: false,
    exception: { type, code, message: "m", description: `${type} happened`, param: "x", request_id: "req_1" },
  });

describe("readEnvelope", () => {
  it("returns data on success", async () => {
    await expect(readEnvelope(json(200, { success: true, data: { id: "order_1" } }))).resolves.toEqual({ id: "order_1" });
  });

  it("turns the error envelope into an ApiError with every field", async () => {
    const error = await readEnvelope(failure(409, "payment_not_refundable", 1013)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      type: "payment_not_refundable",
      code: 1013,
      status: 409,
      message: "payment_not_refundable happened",
      param: "x",
      requestId: "req_1",
    });
  });

  it("turns a body that is not an envelope into an internal_error", async () => {
    const error = await readEnvelope(new Response("<html>Bad gateway</html>", { status: 502 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: "internal_error", status: 502 });
  });
});

describe("createApiClient", () => {
  it("sends the bearer token, JSON body, headers and query, leaving empty query values out", async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => json(200, { success: true, data: { access: "tok" } }));
    const api = createApiClient({ apiUrl: "http://api", fetch: fetch as unknown as typeof globalThis.fetch });
    await api.signIn("token", { email: "a@b.c", password: "x" });
    expect(fetch.mock.calls[0]?.[1]?.credentials).toBe("include");

    await api.get("/orders", { status: "", limit: 10, offset: 20 });
    expect(fetch.mock.calls[1]?.[0]).toBe("http://api/api/v1/orders?limit=10&offset=20");
    await api.post("/payments/pay_1/refunds", {}, { "Idempotency-Key": "k1" });
    const headers = fetch.mock.calls[2]?.[1]?.headers as Record<string, string>;
    expect(headers).toMatchObject({ Authorization: "Bearer tok", "Content-Type": "application/json", "Idempotency-Key": "k1" });
    expect(fetch.mock.calls[2]?.[1]?.body).toBe("{}");
  });

  it("refreshes once on 401 and retries with the new token", async () => {
    const answers = [
      failure(401, "unauthorized", 1002),
      json(200, { success: true, data: { access: "new" } }),
      json(200, { success: true, data: 7 }),
    ];
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => answers.shift() as Response);
    const api = createApiClient({ apiUrl: "http://api", fetch: fetch as unknown as typeof globalThis.fetch });
    await expect(api.get("/merchants/stats")).resolves.toBe(7);
    expect(fetch.mock.calls[1]?.[0]).toBe("http://api/api/v1/auth/refresh");
    expect((fetch.mock.calls[2]?.[1]?.headers as Record<string, string>).Authorization).toBe("Bearer new");
  });

  it("shares one refresh between concurrent 401s (a reused refresh token revokes the login)", async () => {
    let refreshes = 0;
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith("/auth/refresh")) {
        refreshes++;
        return json(200, { success: true, data: { access: "new" } });
      }
      const auth = (init?.headers as Record<string, string>).Authorization;
      return auth === "Bearer new" ? json(200, { success: true, data: 1 }) : failure(401, "unauthorized", 1002);
    });
    const api = createApiClient({ apiUrl: "http://api", fetch: fetch as unknown as typeof globalThis.fetch });
    await expect(Promise.all([api.get("/a"), api.get("/b"), api.get("/c")])).resolves.toEqual([1, 1, 1]);
    expect(refreshes).toBe(1);
  });

  it("signs out when the refresh fails", async () => {
    const onSignedOut = vi.fn();
    const fetch = vi.fn(async () => failure(401, "unauthorized", 1002));
    const api = createApiClient({ apiUrl: "http://api", fetch: fetch as unknown as typeof globalThis.fetch, onSignedOut });
    await expect(api.get("/merchant")).rejects.toMatchObject({ type: "unauthorized", status: 401 });
    expect(onSignedOut).toHaveBeenCalledOnce();
  });

  it("reports an unreachable API as network_error", async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const api = createApiClient({ apiUrl: "http://api", fetch: fetch as unknown as typeof globalThis.fetch });
    await expect(api.get("/merchant")).rejects.toMatchObject({ type: "network_error", status: 0 });
  });
});
