import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants } from "../src/db/schema/index.js";
import { expectError, startTestApi, type TestApi } from "./helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ ADMIN_EMAIL: "root@paygate.local", ADMIN_PASSWORD: "admin-password-1" }, { startWorkers: false });
});
afterAll(() => api?.close());

// Issue 11, finding 5: `password`, `12345678` and eight spaces were accepted.
const weak = ["password", "12345678", "        ", "\t\t\t\t\t\t\t\t", "Password", "iloveyou", "qwertyuiop", "PASSWORD1"];

async function accountExists(email: string) {
  const rows = await api.runtime.database.db.select({ id: merchants.id }).from(merchants).where(eq(merchants.email, email));
  return rows.length > 0;
}

describe("weak passwords (finding 5)", () => {
  it.each(weak)("register refuses %j with a validation_error naming password, and creates nothing", async (password) => {
    const email = `weak-${Math.random().toString(36).slice(2)}@example.com`;
    const response = await api.request("/api/v1/auth/register", { method: "POST", json: { email, name: "Weak", password } });
    const error = await expectError(response, 400, "validation_error");
    expect(error.param).toBe("password");
    expect(error.description).toMatch(/password/i);
    expect(await accountExists(email)).toBe(false);
  });

  it("register-admin refuses a common password too", async () => {
    const login = await api.request("/api/v1/auth/token", {
      method: "POST",
      json: { email: "root@paygate.local", password: "admin-password-1" },
    });
    const { access } = (await login.json()).data;
    for (const password of ["password", "        "]) {
      const response = await api.request("/api/v1/auth/register-admin", {
        method: "POST",
        auth: { bearer: access },
        json: { email: "weak-admin@paygate.local", name: "Weak", password },
      });
      expect((await expectError(response, 400, "validation_error")).param).toBe("password");
    }
    expect(await accountExists("weak-admin@paygate.local")).toBe(false);
  });

  it("still accepts an uncommon password", async () => {
    const response = await api.request("/api/v1/auth/register", {
      method: "POST",
      json: { email: "fine@example.com", name: "Fine", password: "violet-harbour-51" },
    });
    expect(response.status).toBe(201);
  });
});
