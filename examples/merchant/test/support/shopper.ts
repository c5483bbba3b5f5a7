import { randomBytes } from "node:crypto";

/**
 * A browser-like client of the shop: keeps the session cookie and sends the shop's own Origin on
 * every request, as a browser on the shop's page would (the server refuses state changes without it).
 */
export class ShopClient {
  cookie = "";
  constructor(
    readonly baseUrl: string,
    readonly origin = new URL(baseUrl).origin,
  ) {}

  async request(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { Origin: this.origin, ...init.headers };
    if (this.cookie) headers.Cookie = this.cookie;
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      redirect: "manual",
    });
    const setCookie = response.headers.get("set-cookie");
    // Keep "name=value" only; an expired (deleted) cookie clears it.
    if (setCookie) this.cookie = /Max-Age=0|expires=Thu, 01 Jan 1970/i.test(setCookie) ? "" : (setCookie.split(";")[0] ?? "");
    return response;
  }

  get = (path: string) => this.request(path);
  post = (path: string, body: unknown = {}) => this.request(path, { body });
}

export const newEmail = (name = "shopper") => `${name}-${randomBytes(4).toString("hex")}@example.test`;

/** A freshly registered, logged-in shopper. */
export async function registeredShopper(baseUrl: string, email = newEmail()): Promise<ShopClient> {
  const client = new ShopClient(baseUrl);
  const response = await client.post("/api/auth/register", { email, password: "a long enough password" });
  if (response.status !== 201) throw new Error(`register answered ${response.status}: ${await response.text()}`);
  return client;
}

export const ADMIN = { email: "admin@chai.test", password: "admin password for tests" };

export async function loggedInAdmin(baseUrl: string): Promise<ShopClient> {
  const client = new ShopClient(baseUrl);
  const response = await client.post("/api/auth/login", ADMIN);
  if (response.status !== 200) throw new Error(`admin login answered ${response.status}: ${await response.text()}`);
  return client;
}
