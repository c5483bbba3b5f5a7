import { readFileSync } from "node:fs";
import { Hono } from "hono";
import type { ShopEnv } from "../auth/middleware.js";
import type { ShopUser } from "../auth/users.js";

/** Plain files from public/, read once at start. */
const assets = Object.fromEntries(
  ["common.js", "shop.js", "club.js", "login.js", "admin.js", "shop.css"].map((name) => [
    name,
    readFileSync(new URL(`../../public/${name}`, import.meta.url), "utf8"),
  ]),
);

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Only a path on this site: `//evil.example` or `https://…` would make the login an open redirect. */
export const safeNext = (next: string | undefined) => (next && /^\/(?![/\\])/.test(next) ? next : "/");

interface Layout {
  title: string;
  user: ShopUser | null;
  body: string;
  /** Extra tags for <head> (scripts). */
  head?: string;
}

function layout({ title, user, body, head = "" }: Layout): string {
  const account = user
    ? `<span class="who">Signed in as <strong>${escapeHtml(user.email)}</strong></span>
       ${user.role === "admin" ? '<a href="/admin">Admin</a>' : ""}
       <button id="logout" type="button">Log out</button>`
    : '<a href="/login">Log in or register</a>';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} — Chai &amp; Co.</title>
  <link rel="stylesheet" href="/shop.css">
  <script src="/common.js" defer></script>
  ${head}
</head>
<body>
  <a class="skip" href="#main">Skip to content</a>
  <header>
    <div><a class="brand" href="/">Chai &amp; Co.</a><p>An example shop paying through PayGate (test mode).</p></div>
    <nav aria-label="Account">${account}</nav>
  </header>
  <main id="main">${body}</main>
</body>
</html>`;
}

/** The shop's pages: static markup that the scripts in public/ fill from the JSON API. */
export function pageRoutes({ checkoutUrl, apiKey }: { checkoutUrl: string; apiKey: string }) {
  const checkoutOrigin = escapeHtml(new URL(checkoutUrl).origin);
  const app = new Hono<ShopEnv>();

  app.get("/", (c) => {
    const user = c.var.user;
    const checkout = user
      ? `<p class="promo"><label for="promo-code">Promo code</label>
      <input id="promo-code" name="promo_code" autocomplete="off" maxlength="64" spellcheck="false"></p>
      <button id="pay" type="button" disabled>Pay</button>`
      : `<p><a class="button" href="/login">Log in to buy</a></p>`;
    const orders = user
      ? `<section aria-labelledby="orders-title" class="wide">
      <h2 id="orders-title">My orders</h2>
      <p class="hint">Statuses update live: "paid" and "refunded" appear when PayGate's signed webhook arrives.</p>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Order</th><th scope="col">Items</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Webhooks</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody id="orders"></tbody>
      </table></div>
    </section>`
      : "";
    // The Chai club: a monthly subscription paid with a card saved in PayGate's checkout.
    const club = user
      ? `<button id="subscribe" type="button">Join the Chai club</button>
      <div class="table-wrap"><table>
        <caption class="visually-hidden">My Chai club memberships</caption>
        <thead><tr><th scope="col">Membership</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Next renewal</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody id="memberships"></tbody>
      </table></div>
      <p id="club-message" role="status" aria-live="polite"></p>`
      : `<p><a class="button" href="/login">Log in to subscribe</a></p>`;
    const body = `
    <section aria-labelledby="products-title">
      <h2 id="products-title">Products</h2>
      <ul id="products" class="products"></ul>
    </section>
    <section aria-labelledby="cart-title" class="cart">
      <h2 id="cart-title">Cart</h2>
      <ul id="cart-lines"></ul>
      <p>Total: <strong id="cart-total">₹0.00</strong></p>
      ${checkout}
      <p id="message" role="status" aria-live="polite"></p>
    </section>
    ${orders}
    <section aria-labelledby="club-title" class="wide">
      <h2 id="club-title">Chai club — ₹499/month</h2>
      <p>250 g of the month's masala chai at your door. Pay the first month now and tick "Save this card for
        future payments" in the checkout: the same card is charged every month after, until you cancel.</p>
      ${club}
    </section>`;
    // sdk.js comes from the checkout origin; the page gets the publishable key only, never the secret.
    const head = `<script src="${checkoutOrigin}/sdk.js" defer></script>
  <script src="/shop.js" defer data-checkout-url="${checkoutOrigin}" data-paygate-key="${escapeHtml(apiKey)}"></script>
  <script src="/club.js" defer data-checkout-url="${checkoutOrigin}" data-paygate-key="${escapeHtml(apiKey)}"></script>`;
    return c.html(layout({ title: "Shop", user, body, head }));
  });

  app.get("/login", (c) => {
    const next = escapeHtml(safeNext(c.req.query("next")));
    const form = (id: string, title: string, action: string, autocomplete: string) => `
    <section aria-labelledby="${id}-title" class="card">
      <h2 id="${id}-title">${title}</h2>
      <form id="${id}" data-action="${action}" data-next="${next}" novalidate>
        <label for="${id}-email">Email</label>
        <input id="${id}-email" name="email" type="email" autocomplete="email" required>
        <label for="${id}-password">Password</label>
        <input id="${id}-password" name="password" type="password" autocomplete="${autocomplete}" minlength="8" required
          aria-describedby="${id}-hint">
        <p id="${id}-hint" class="hint">At least 8 characters.</p>
        <button type="submit">${title}</button>
        <p class="error" role="alert"></p>
      </form>
    </section>`;
    const body = `<div class="auth">${form("login", "Log in", "/api/auth/login", "current-password")}
    ${form("register", "Create an account", "/api/auth/register", "new-password")}</div>`;
    return c.html(layout({ title: "Log in", user: c.var.user, body, head: '<script src="/login.js" defer></script>' }));
  });

  // The admin page itself is guarded too (not only its API): anonymous → login, shoppers → 403.
  app.get("/admin", (c) => {
    const user = c.var.user;
    if (!user) return c.redirect("/login?next=/admin");
    if (user.role !== "admin") {
      const body = `<section class="card"><h2>Admins only</h2><p>This page is for the shop's staff. <a href="/">Back to the shop</a></p></section>`;
      return c.html(layout({ title: "Admins only", user, body }), 403);
    }
    const body = `
    <section aria-labelledby="admin-title" class="wide">
      <h2 id="admin-title">All orders</h2>
      <p id="message" role="status" aria-live="polite"></p>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Order</th><th scope="col">Customer</th><th scope="col">Items</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">History</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody id="orders"></tbody>
      </table></div>
    </section>`;
    return c.html(layout({ title: "Admin", user, body, head: '<script src="/admin.js" defer></script>' }));
  });

  for (const [name, content] of Object.entries(assets)) {
    const type = name.endsWith(".css") ? "text/css" : "text/javascript";
    app.get(`/${name}`, (c) => c.body(content, 200, { "Content-Type": `${type}; charset=utf-8` }));
  }
  return app;
}
