import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshTokens } from "../src/db/schema/index.js";
import { sha256 } from "../src/lib/crypto.js";
import { expectError, keyAuth, startTestApi, type TestApi } from "./helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
});
afterAll(() => api?.close());

const refreshCookie = (response: Response) => response.headers.get("set-cookie")?.match(/paygate_refresh=([^;]*)/)?.[1] ?? "";
const refresh = (token: string) =>
  api.request("/api/v1/auth/refresh", { method: "POST", headers: { Cookie: `paygate_refresh=${token}` } });

async function logIn() {
  const merchant = await api.registerMerchant();
  const response = await api.request("/api/v1/auth/token", {
    method: "POST",
    json: { email: merchant.email, password: merchant.password },
  });
  expect(response.status).toBe(200);
  return { merchant, access: (await response.json()).data.access as string, token: refreshCookie(response) };
}

describe("refresh-token grace (finding 5)", () => {
  it("two tabs refreshing at once with one cookie both get a session, and the login survives", async () => {
    const { token } = await logIn();
    const [a, b] = await Promise.all([refresh(token), refresh(token)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [nextA, nextB] = [refreshCookie(a), refreshCookie(b)];
    // Both tabs were handed the one successor, so whichever cookie the browser keeps works.
    expect(nextA).toBe(nextB);
    const later = await refresh(nextA);
    expect(later.status).toBe(200);
    expect((await refresh(refreshCookie(later))).status).toBe(200);
  });

  it("a just-rotated token presented again within the grace returns the same successor", async () => {
    const { token } = await logIn();
    const first = await refresh(token);
    const again = await refresh(token);
    expect(again.status).toBe(200);
    expect(refreshCookie(again)).toBe(refreshCookie(first));
  });

  it("reuse after the grace still revokes the whole family", async () => {
    const { token } = await logIn();
    const rotated = await refresh(token);
    const successor = refreshCookie(rotated);
    await api.runtime.database.db
      .update(refreshTokens)
      .set({ rotatedAt: new Date(Date.now() - 11_000) })
      .where(eq(refreshTokens.tokenHash, sha256(token)));
    await expectError(await refresh(token), 401, "unauthorized");
    await expectError(await refresh(successor), 401, "unauthorized");
  });
});

describe("sessions end on secret rotation and logout (finding 5)", () => {
  it("an access token issued before an API-secret rotation gets 401; a refreshed one works", async () => {
    const { merchant, access, token } = await logIn();
    expect((await api.request("/api/v1/merchant", { auth: { bearer: access } })).status).toBe(200);
    const rotated = await api.request("/api/v1/merchant/keys/rotate", { method: "POST", auth: keyAuth(merchant) });
    expect(rotated.status).toBe(200);
    await expectError(await api.request("/api/v1/merchant", { auth: { bearer: access } }), 401, "unauthorized");
    await expectError(await api.request("/api/v1/merchant", { auth: { bearer: merchant.access } }), 401, "unauthorized");
    const renewed = await refresh(token);
    expect(renewed.status).toBe(200);
    const fresh = (await renewed.json()).data.access as string;
    expect((await api.request("/api/v1/merchant", { auth: { bearer: fresh } })).status).toBe(200);
  });

  it("an access token issued before a logout gets 401", async () => {
    const { access, token } = await logIn();
    expect((await api.request("/api/v1/orders", { auth: { bearer: access } })).status).toBe(200);
    const out = await api.request("/api/v1/auth/logout", { method: "POST", headers: { Cookie: `paygate_refresh=${token}` } });
    expect(out.status).toBe(200);
    await expectError(await api.request("/api/v1/orders", { auth: { bearer: access } }), 401, "unauthorized");
  });
});
