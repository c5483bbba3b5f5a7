import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshTokens } from "../src/db/schema/index.js";
import { sha256 } from "../src/lib/crypto.js";
import { expectError, keyAuth, startTestApi, type TestApi } from "./helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ ADMIN_EMAIL: "root@paygate.local", ADMIN_PASSWORD: "admin-password-1" }, { startWorkers: false });
});
afterAll(() => api?.close());

const refreshCookie = (response: Response) => {
  const header = response.headers.get("set-cookie") ?? "";
  const match = header.match(/paygate_refresh=([^;]*)/);
  return { raw: header, token: match?.[1] ?? "" };
};

describe("register and login", () => {
  it("registers a merchant with one-time secrets and a refresh cookie", async () => {
    const response = await api.request("/api/v1/auth/register", {
      method: "POST",
      json: { email: "Shop@Example.com", name: "Shop", password: "password-123" },
    });
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({ email: "shop@example.com", name: "Shop", role: "merchant" });
    expect(data.api_key).toMatch(/^key_test_/);
    expect(data.api_secret).toMatch(/^secret_test_/);
    expect(data.webhook_secret).toMatch(/^whsec_/);
    expect(data.merchant_id).toMatch(/^mer_/);
    const cookie = refreshCookie(response);
    expect(cookie.token.length).toBeGreaterThan(20);
    expect(cookie.raw).toMatch(/HttpOnly/i);
    expect(cookie.raw).toMatch(/SameSite=Strict/i);
    expect(cookie.raw).toMatch(/Path=\/api\/v1\/auth/);

    const me = await api.request("/api/v1/merchant", { auth: { bearer: data.access } });
    expect((await me.json()).data.email).toBe("shop@example.com");
  });

  it("refuses a taken email", async () => {
    const merchant = await api.registerMerchant();
    const response = await api.request("/api/v1/auth/register", {
      method: "POST",
      json: { email: merchant.email.toUpperCase(), name: "Again", password: "password-123" },
    });
    await expectError(response, 409, "email_taken");
  });

  it("logs in, and refuses a wrong password or unknown email alike", async () => {
    const merchant = await api.registerMerchant();
    const good = await api.request("/api/v1/auth/token", {
      method: "POST",
      json: { email: merchant.email, password: merchant.password },
    });
    expect(good.status).toBe(200);
    const { data } = await good.json();
    expect(data).toMatchObject({ api_key: merchant.api_key, role: "merchant", merchant_id: merchant.merchant_id });
    expect(data.api_secret).toBeUndefined();
    await expectError(
      await api.request("/api/v1/auth/token", { method: "POST", json: { email: merchant.email, password: "wrong-password" } }),
      401,
      "login_failed",
    );
    await expectError(
      await api.request("/api/v1/auth/token", {
        method: "POST",
        json: { email: "nobody@example.com", password: "wrong-password" },
      }),
      401,
      "login_failed",
    );
  });

  it("rejects a short password and unknown fields", async () => {
    await expectError(
      await api.request("/api/v1/auth/register", { method: "POST", json: { email: "a@b.co", name: "x", password: "short" } }),
      400,
      "validation_error",
    );
    const unknown = await expectError(
      await api.request("/api/v1/auth/register", {
        method: "POST",
        json: { email: "a@b.co", name: "x", password: "long-enough", role: "admin" },
      }),
      400,
      "validation_error",
    );
    expect(unknown.description).toMatch(/role|unrecognized/i);
  });
});

describe("refresh tokens", () => {
  it("rotates, and reuse of a rotated token revokes the whole family", async () => {
    const merchant = await api.registerMerchant();
    const login = await api.request("/api/v1/auth/token", {
      method: "POST",
      json: { email: merchant.email, password: merchant.password },
    });
    const first = refreshCookie(login).token;

    const refresh = (token: string) =>
      api.request("/api/v1/auth/refresh", { method: "POST", headers: { Cookie: `paygate_refresh=${token}` } });
    const rotated = await refresh(first);
    expect(rotated.status).toBe(200);
    // The renewed access token is a working credential for this merchant.
    const renewed = await api.request("/api/v1/merchant", { auth: { bearer: (await rotated.json()).data.access } });
    expect(renewed.status).toBe(200);
    expect((await renewed.json()).data).toMatchObject({ id: merchant.merchant_id, email: merchant.email });
    const second = refreshCookie(rotated).token;
    expect(second).not.toBe(first);

    // The stolen first token is replayed after the reuse grace (issue 11: two tabs may present
    // one token moments apart): refused, and the family (including `second`) is revoked.
    await api.runtime.database.db
      .update(refreshTokens)
      .set({ rotatedAt: new Date(Date.now() - 60_000) })
      .where(eq(refreshTokens.tokenHash, sha256(first)));
    await expectError(await refresh(first), 401, "unauthorized");
    await expectError(await refresh(second), 401, "unauthorized");

    // Another login is another family and still works.
    const other = await api.request("/api/v1/auth/token", {
      method: "POST",
      json: { email: merchant.email, password: merchant.password },
    });
    expect((await refresh(refreshCookie(other).token)).status).toBe(200);
  });

  it("logout revokes the token and clears the cookie", async () => {
    const merchant = await api.registerMerchant();
    const login = await api.request("/api/v1/auth/token", {
      method: "POST",
      json: { email: merchant.email, password: merchant.password },
    });
    const token = refreshCookie(login).token;
    const out = await api.request("/api/v1/auth/logout", { method: "POST", headers: { Cookie: `paygate_refresh=${token}` } });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/paygate_refresh=;/);
    await expectError(
      await api.request("/api/v1/auth/refresh", { method: "POST", headers: { Cookie: `paygate_refresh=${token}` } }),
      401,
      "unauthorized",
    );
  });

  it("refuses a missing or unknown refresh token", async () => {
    await expectError(await api.request("/api/v1/auth/refresh", { method: "POST" }), 401, "unauthorized");
    await expectError(
      await api.request("/api/v1/auth/refresh", { method: "POST", headers: { Cookie: "paygate_refresh=nope" } }),
      401,
      "unauthorized",
    );
  });
});

describe("credentials", () => {
  it("accepts key + secret headers, HTTP Basic and Bearer; refuses a wrong secret", async () => {
    const merchant = await api.registerMerchant();
    expect((await api.request("/api/v1/merchant", { auth: keyAuth(merchant) })).status).toBe(200);
    const basic = Buffer.from(`${merchant.api_key}:${merchant.api_secret}`).toString("base64");
    expect((await api.request("/api/v1/merchant", { headers: { Authorization: `Basic ${basic}` } })).status).toBe(200);
    expect((await api.request("/api/v1/merchant", { auth: { bearer: merchant.access } })).status).toBe(200);
    await expectError(
      await api.request("/api/v1/merchant", { auth: { key: merchant.api_key, secret: "secret_test_wrong" } }),
      401,
      "unauthorized",
    );
    await expectError(await api.request("/api/v1/merchant"), 401, "unauthorized");
    const badBasic = Buffer.from(`${merchant.api_key}:nope`).toString("base64");
    await expectError(
      await api.request("/api/v1/merchant", { headers: { Authorization: `Basic ${badBasic}` } }),
      401,
      "unauthorized",
    );
  });

  it("rotating the API secret stops the old one at once", async () => {
    const merchant = await api.registerMerchant();
    const rotated = await api.request("/api/v1/merchant/keys/rotate", { method: "POST", auth: keyAuth(merchant) });
    expect(rotated.status).toBe(200);
    const { data } = await rotated.json();
    expect(data.api_secret).not.toBe(merchant.api_secret);
    await expectError(await api.request("/api/v1/merchant", { auth: keyAuth(merchant) }), 401, "unauthorized");
    expect((await api.request("/api/v1/merchant", { auth: { key: merchant.api_key, secret: data.api_secret } })).status).toBe(
      200,
    );
  });

  it("the publishable key alone does not open merchant endpoints", async () => {
    const merchant = await api.registerMerchant();
    await expectError(await api.request("/api/v1/orders", { headers: { "X-Api-Key": merchant.api_key } }), 401, "unauthorized");
  });

  it("serves the test merchant's credentials in TEST_MODE, and they work", async () => {
    const response = await api.request("/api/v1/test/merchant");
    const { data } = await response.json();
    expect(data).toMatchObject({ email: "test@merchant.local", api_key: "key_test_abc123", api_secret: "secret_test_xyz789" });
    expect((await api.request("/api/v1/merchant", { auth: { key: data.api_key, secret: data.api_secret } })).status).toBe(200);
  });
});

describe("admins", () => {
  const adminLogin = async () => {
    const response = await api.request("/api/v1/auth/token", {
      method: "POST",
      json: { email: "root@paygate.local", password: "admin-password-1" },
    });
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data.role).toBe("admin");
    return data.access as string;
  };

  it("bootstraps ADMIN_EMAIL, which can create another admin", async () => {
    const access = await adminLogin();
    const created = await api.request("/api/v1/auth/register-admin", {
      method: "POST",
      auth: { bearer: access },
      json: { email: "second-admin@paygate.local", name: "Second", password: "admin-password-2" },
    });
    expect(created.status).toBe(201);
    expect((await created.json()).data.role).toBe("admin");
  });

  it("a merchant gets 403 on admin routes", async () => {
    const merchant = await api.registerMerchant();
    for (const [method, path] of [
      ["GET", "/api/v1/admin/stats"],
      ["GET", "/api/v1/admin/merchants"],
      ["DELETE", `/api/v1/admin/merchants/${merchant.merchant_id}`],
    ] as const) {
      await expectError(await api.request(path, { method, auth: { bearer: merchant.access } }), 403, "admin_only");
      await expectError(await api.request(path, { method, auth: keyAuth(merchant) }), 403, "admin_only");
    }
    await expectError(
      await api.request("/api/v1/auth/register-admin", {
        method: "POST",
        auth: { bearer: merchant.access },
        json: { email: "sneaky@paygate.local", name: "Sneaky", password: "admin-password-3" },
      }),
      403,
      "admin_only",
    );
  });

  it("an admin token is not a merchant credential", async () => {
    const access = await adminLogin();
    await expectError(await api.request("/api/v1/orders", { auth: { bearer: access } }), 403, "forbidden");
  });

  it("soft-deletes a merchant: its keys and tokens get 401; lists and totals exclude it", async () => {
    const access = await adminLogin();
    const merchant = await api.registerMerchant();
    const before = (await (await api.request("/api/v1/admin/stats", { auth: { bearer: access } })).json()).data;
    const deletedFrom = Date.now();
    const deleted = await api.request(`/api/v1/admin/merchants/${merchant.merchant_id}`, {
      method: "DELETE",
      auth: { bearer: access },
    });
    expect(deleted.status).toBe(200);
    const { data: gone } = await deleted.json();
    expect(gone.id).toBe(merchant.merchant_id);
    // Stamped with the moment of the request (ISO timestamps carry milliseconds).
    expect(Date.parse(gone.deleted_at)).toBeGreaterThanOrEqual(deletedFrom);
    expect(Date.parse(gone.deleted_at)).toBeLessThanOrEqual(Date.now());
    await expectError(await api.request("/api/v1/merchant", { auth: keyAuth(merchant) }), 401, "unauthorized");
    await expectError(await api.request("/api/v1/merchant", { auth: { bearer: merchant.access } }), 401, "unauthorized");
    await expectError(
      await api.request("/api/v1/auth/token", { method: "POST", json: { email: merchant.email, password: merchant.password } }),
      401,
      "login_failed",
    );
    const after = (await (await api.request("/api/v1/admin/stats", { auth: { bearer: access } })).json()).data;
    expect(after.total_merchants).toBe(before.total_merchants - 1);
    const list = (await (await api.request("/api/v1/admin/merchants?limit=100", { auth: { bearer: access } })).json()).data;
    expect(list.items.map((m: { id: string }) => m.id)).not.toContain(merchant.merchant_id);
    const all = (
      await (await api.request("/api/v1/admin/merchants?limit=100&include_deleted=true", { auth: { bearer: access } })).json()
    ).data;
    expect(all.items.map((m: { id: string }) => m.id)).toContain(merchant.merchant_id);
    await expectError(
      await api.request(`/api/v1/admin/merchants/${merchant.merchant_id}`, { method: "DELETE", auth: { bearer: access } }),
      404,
      "merchant_not_found",
    );
  });

  it("reports one merchant's stats with ?merchant_id=", async () => {
    const access = await adminLogin();
    const merchant = await api.registerMerchant();
    await api.request("/api/v1/orders", { method: "POST", auth: keyAuth(merchant), json: { amount: 1000 } });
    const response = await api.request(`/api/v1/admin/stats?merchant_id=${merchant.merchant_id}`, { auth: { bearer: access } });
    expect((await response.json()).data).toEqual({
      merchant_id: merchant.merchant_id,
      email: merchant.email,
      order_count: 1,
      successful_payments: 0,
      successful_refunds: 0,
      canceled_payments: 0,
    });
    await expectError(
      await api.request("/api/v1/admin/stats?merchant_id=mer_doesnotexist00", { auth: { bearer: access } }),
      404,
      "merchant_not_found",
    );
    await expectError(
      await api.request("/api/v1/admin/stats?merchant_id=nope", { auth: { bearer: access } }),
      400,
      "validation_error",
    );
  });
});
