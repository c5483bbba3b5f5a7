import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openShopDatabase } from "../src/db.js";
import { type RunningMerchant, startMerchant } from "../src/index.js";
import { TEST_KEY, TEST_SECRET } from "./support/api.js";
import { ADMIN, loggedInAdmin, newEmail, registeredShopper, ShopClient } from "./support/shopper.js";

/**
 * The shop's own accounts and sessions. No PayGate API is needed: nothing here creates an order
 * at PayGate (a cart the shop refuses answers before any call).
 */
const dataDir = mkdtempSync(join(tmpdir(), "shop-accounts-"));
let shop: RunningMerchant;

const start = (publicUrl?: string, dir?: string) =>
  startMerchant({
    port: 0,
    hostname: "127.0.0.1",
    apiUrl: "http://127.0.0.1:9",
    checkoutUrl: "http://127.0.0.1:9",
    apiKey: TEST_KEY,
    apiSecret: TEST_SECRET,
    webhookSecret: `whsec_${Buffer.from("a webhook secret of 24 b").toString("base64")}`,
    admin: ADMIN,
    ...(dir ? { dataDir: dir } : {}),
    ...(publicUrl ? { publicUrl } : {}),
  });

beforeAll(async () => {
  shop = await start(undefined, dataDir);
});

afterAll(async () => {
  await shop?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("register and log in", () => {
  it("sets an HttpOnly, SameSite=Lax, Path=/ session cookie (no Secure on http)", async () => {
    const client = new ShopClient(shop.url);
    const response = await client.post("/api/auth/register", { email: newEmail(), password: "long enough" });
    expect(response.status).toBe(201);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^shop_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Expires=/);
    expect(cookie).not.toMatch(/Secure/);
    expect(await (await client.get("/api/auth/me")).json()).toMatchObject({ user: { role: "shopper" } });
  });

  it("marks the cookie Secure when the shop's URL is https", async () => {
    const secure = await start("https://shop.example");
    try {
      const client = new ShopClient(secure.url, "https://shop.example");
      const response = await client.post("/api/auth/login", ADMIN);
      expect(response.status).toBe(200);
      expect(response.headers.get("set-cookie")).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it("refuses short passwords, bad emails and taken emails, creating nothing", async () => {
    const client = new ShopClient(shop.url);
    const email = newEmail();
    const short = await client.post("/api/auth/register", { email, password: "1234567" });
    expect(short.status).toBe(400);
    expect(short.headers.get("set-cookie")).toBeNull();
    expect((await client.post("/api/auth/login", { email, password: "1234567" })).status).toBe(401);
    expect((await client.post("/api/auth/register", { email: "not an email", password: "long enough" })).status).toBe(400);
    expect((await client.post("/api/auth/register", { email, password: "long enough", role: "admin" })).status).toBe(400);

    await registeredShopper(shop.url, email);
    const taken = await new ShopClient(shop.url).post("/api/auth/register", {
      email: email.toUpperCase(),
      password: "other one!",
    });
    expect(taken.status).toBe(409);
    expect(taken.headers.get("set-cookie")).toBeNull();
  });

  it("logs in with the right password only, with one answer for unknown emails and wrong passwords", async () => {
    const email = newEmail();
    await registeredShopper(shop.url, email);
    const wrong = await new ShopClient(shop.url).post("/api/auth/login", { email, password: "not the password" });
    const unknown = await new ShopClient(shop.url).post("/api/auth/login", { email: newEmail(), password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    const right = new ShopClient(shop.url);
    expect((await right.post("/api/auth/login", { email, password: "a long enough password" })).status).toBe(200);
    expect((await right.get("/api/auth/me")).status).toBe(200);
  });

  it("creates the admin from the configured credentials", async () => {
    const admin = await loggedInAdmin(shop.url);
    expect(await (await admin.get("/api/auth/me")).json()).toEqual({
      user: expect.objectContaining({ email: ADMIN.email, role: "admin" }),
    });
    expect((await admin.get("/api/admin/orders")).status).toBe(200);
  });
});

describe("log out", () => {
  it("deletes the session server-side: a saved copy of the cookie stops working", async () => {
    const client = await registeredShopper(shop.url);
    const saved = client.cookie;
    expect((await client.get("/api/orders")).status).toBe(200);
    const logout = await client.post("/api/auth/logout");
    expect(logout.status).toBe(204);
    expect(logout.headers.get("set-cookie")).toMatch(/^shop_session=; Max-Age=0/);
    const replay = new ShopClient(shop.url);
    replay.cookie = saved;
    expect((await replay.get("/api/auth/me")).status).toBe(401);
    expect((await replay.get("/api/orders")).status).toBe(401);
  });
});

describe("CSRF", () => {
  it("refuses state-changing requests from another origin or with no origin at all", async () => {
    const client = await registeredShopper(shop.url);
    const cart = { items: [] }; // refused with 400 once past the CSRF check, so nothing reaches PayGate
    expect((await client.post("/api/orders", cart)).status).toBe(400);

    const evil = await client.request("/api/orders", { body: cart, headers: { Origin: "http://evil.example" } });
    expect(evil.status).toBe(403);
    expect((await evil.json()).error.type).toBe("csrf_rejected");
    const crossSite = await fetch(`${shop.url}/api/orders`, {
      method: "POST",
      headers: { Cookie: client.cookie, "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site" },
      body: JSON.stringify(cart),
    });
    expect(crossSite.status).toBe(403);
    const bare = await fetch(`${shop.url}/api/orders`, {
      method: "POST",
      headers: { Cookie: client.cookie, "Content-Type": "application/json" },
      body: JSON.stringify(cart),
    });
    expect(bare.status).toBe(403);
    // Login CSRF (logging the victim into the attacker's account) is refused too.
    const login = await new ShopClient(shop.url, "http://evil.example").post("/api/auth/login", ADMIN);
    expect(login.status).toBe(403);
    expect(login.headers.get("set-cookie")).toBeNull();
    // A cross-site logout cannot end the session either.
    expect((await client.request("/api/auth/logout", { body: {}, headers: { Origin: "http://evil.example" } })).status).toBe(403);
    expect((await client.get("/api/auth/me")).status).toBe(200);
  });

  it("leaves the webhook receiver to its signature check (no Origin needed)", async () => {
    const response = await fetch(`${shop.url}/webhooks/paygate`, { method: "POST", body: "{}" });
    expect(response.status).toBe(400);
    expect((await response.json()).error).not.toBe("csrf_rejected");
  });
});

describe("pages", () => {
  it("sends anonymous visitors of /admin to the login page and shoppers get 403", async () => {
    const anonymous = await new ShopClient(shop.url).get("/admin");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?next=/admin");
    const shopper = await registeredShopper(shop.url);
    expect((await shopper.get("/admin")).status).toBe(403);
    const admin = await loggedInAdmin(shop.url);
    expect(await (await admin.get("/admin")).text()).toContain("All orders");
  });

  it("only follows next= to a path on this site (no open redirect)", async () => {
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const html = await (await fetch(`${shop.url}/login?next=${encodeURIComponent(next)}`)).text();
      expect(html).toContain('data-next="/"');
      expect(html).not.toContain("evil.example");
    }
    expect(await (await fetch(`${shop.url}/login?next=%2Fadmin`)).text()).toContain('data-next="/admin"');
  });
});

describe("storage", () => {
  it("keeps only scrypt hashes of passwords and sha-256 digests of session tokens", async () => {
    const email = newEmail();
    const client = await registeredShopper(shop.url, email);
    const token = client.cookie.replace("shop_session=", "");
    await shop.close();
    const database = await openShopDatabase(dataDir);
    try {
      const { rows: users } = await database.db.query<{ password_hash: string }>(
        "select password_hash from shop_users where email = $1",
        [email],
      );
      expect(users[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      expect(users[0]?.password_hash).not.toContain("a long enough password");
      const { rows: sessions } = await database.db.query<{ token_hash: string }>("select token_hash from shop_sessions");
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.map((s) => s.token_hash)).not.toContain(token);
      expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
    } finally {
      await database.close();
      shop = await start(undefined, dataDir); // afterAll closes it
    }
  });
});
