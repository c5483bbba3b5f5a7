import { errorCatalogue } from "@paygate/contracts";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceError } from "../src/lib/errors.js";
import { runIdempotent } from "../src/services/infra/idempotency.js";
import { startTestApi, type TestApi, usingPostgres } from "./helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
});
afterAll(() => api?.close());

const errorBody = (error: ServiceError) => ({ success: false, exception: { type: error.type } });
const request = (key: string) => ({
  scope: "mer_inprogress",
  key,
  method: "POST",
  path: "/api/v1/orders",
  bodyText: '{"amount":1}',
});

/** An effect that runs until the test lets it finish: a slow first request. */
function gatedEffect() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  let runs = 0;
  return {
    release,
    running,
    get runs() {
      return runs;
    },
    effect: async () => {
      runs += 1;
      started();
      await gate;
      return { status: 201, body: { success: true, data: { id: "order_slowfirst" } } };
    },
  };
}

describe("a second request while the first is still running (SPEC §9)", () => {
  it("gets 409 idempotency_in_progress at once, and a replay after the first finished", async () => {
    const slow = gatedEffect();
    const first = runIdempotent(api.runtime.ctx, request("slow-1"), slow.effect, errorBody);
    await slow.running;
    const second = await runIdempotent(api.runtime.ctx, request("slow-1"), slow.effect, errorBody).catch(
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(ServiceError);
    expect(second).toMatchObject({ type: "idempotency_in_progress" });
    expect(errorCatalogue.idempotency_in_progress).toEqual({ code: 1007, status: 409 });
    slow.release();
    expect(await first).toMatchObject({ status: 201, replayed: false });
    const third = await runIdempotent(api.runtime.ctx, request("slow-1"), slow.effect, errorBody);
    expect(third).toMatchObject({ status: 201, replayed: true, body: { data: { id: "order_slowfirst" } } });
    expect(slow.runs).toBe(1);
  });

  // Postgres only: on the embedded database nothing else can query while the first request's
  // transaction is open (the rate limiter's periodic write would wait for it), so an HTTP request
  // cannot be answered meanwhile; the service-level test above covers PGlite.
  it.skipIf(!usingPostgres)(
    "over HTTP: the second request is answered while the first still holds the key",
    async () => {
      const merchant = await api.registerMerchant();
      const headers = { "X-Api-Key": merchant.api_key, "X-Api-Secret": merchant.api_secret };
      // Warm the credential cache: on the embedded database nothing else can query while the first
      // request's transaction is open, so authenticating must not need it.
      expect((await api.request("/api/v1/merchant", { headers })).status).toBe(200);
      const slow = gatedEffect();
      const first = runIdempotent(api.runtime.ctx, { ...request("http-1"), scope: merchant.merchant_id }, slow.effect, errorBody);
      await slow.running;
      const response = await api.request("/api/v1/orders", {
        method: "POST",
        json: { amount: 1 },
        headers: { "Idempotency-Key": "http-1", ...headers },
      });
      expect(response.status).toBe(409);
      expect((await response.json()).exception).toMatchObject({ type: "idempotency_in_progress", code: 1007 });
      slow.release();
      await first;
    },
    20_000,
  );

  it.skipIf(!usingPostgres)("another process running the key (its advisory lock held) → 409 too", async () => {
    const url = api.config.databaseUrl as string;
    const other = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await other`select pg_advisory_lock(hashtext(${"mer_inprogress"}), hashtext(${"elsewhere-1"}))`;
      const slow = gatedEffect();
      slow.release();
      const blocked = await runIdempotent(api.runtime.ctx, request("elsewhere-1"), slow.effect, errorBody).catch(
        (error: unknown) => error,
      );
      expect(blocked).toMatchObject({ type: "idempotency_in_progress" });
      expect(slow.runs).toBe(0);
      await other`select pg_advisory_unlock(hashtext(${"mer_inprogress"}), hashtext(${"elsewhere-1"}))`;
      expect(await runIdempotent(api.runtime.ctx, request("elsewhere-1"), slow.effect, errorBody)).toMatchObject({ status: 201 });
    } finally {
      await other.end();
    }
  });
});
