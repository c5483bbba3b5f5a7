import { readFileSync } from "node:fs";
import { Hono } from "hono";

const shopScript = readFileSync(new URL("../../public/shop.js", import.meta.url), "utf8");
const shopStyles = readFileSync(new URL("../../public/shop.css", import.meta.url), "utf8");

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The shop page: static markup, with the checkout's sdk.js loaded from the checkout origin. */
export function pageRoutes({ checkoutUrl, apiKey }: { checkoutUrl: string; apiKey: string }) {
  const checkoutOrigin = new URL(checkoutUrl).origin;
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Chai &amp; Co. — PayGate example shop</title>
  <link rel="stylesheet" href="/shop.css">
  <script src="${escapeAttribute(checkoutOrigin)}/sdk.js" defer></script>
  <script src="/shop.js" defer data-checkout-url="${escapeAttribute(checkoutOrigin)}" data-paygate-key="${escapeAttribute(apiKey)}"></script>
</head>
<body>
  <header><h1>Chai &amp; Co.</h1><p>An example shop paying through PayGate (test mode).</p></header>
  <main>
    <section aria-labelledby="products-title">
      <h2 id="products-title">Products</h2>
      <ul id="products" class="products"></ul>
    </section>
    <section aria-labelledby="cart-title" class="cart">
      <h2 id="cart-title">Cart</h2>
      <ul id="cart-lines"></ul>
      <p>Total: <strong id="cart-total">₹0.00</strong></p>
      <button id="pay" type="button" disabled>Pay</button>
      <p id="message" role="status" aria-live="polite"></p>
    </section>
    <section aria-labelledby="orders-title">
      <h2 id="orders-title">Your orders</h2>
      <p class="hint">Statuses update live: "paid" and "refunded" appear when PayGate's signed webhook arrives.</p>
      <table>
        <thead><tr><th>Order</th><th>Items</th><th>Amount</th><th>Status</th><th>Webhooks</th><th></th></tr></thead>
        <tbody id="orders"></tbody>
      </table>
    </section>
  </main>
</body>
</html>`;

  const app = new Hono();
  app.get("/", (c) => c.html(html));
  app.get("/shop.js", (c) => c.body(shopScript, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  app.get("/shop.css", (c) => c.body(shopStyles, 200, { "Content-Type": "text/css; charset=utf-8" }));
  return app;
}
