import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The test merchant: one page on its own origin that loads sdk.js from the checkout origin,
 * with a "Pay now" button and a log of every callback and event in `window.log`.
 */
function merchantPage(checkoutUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="${checkoutUrl}/sdk.js"></script></head>
<body style="min-height: 3000px">
<h1>Test shop</h1>
<button id="pay">Pay now</button>
<script>
  window.log = [];
  window.handles = [];
  window.openCheckout = (orderId, extra = {}) => {
    const handle = PaymentGateway.open({
      key: "key_test_abc123",
      orderId,
      name: "Test Shop",
      description: "Order from the e2e suite",
      prefill: { name: "Asha Rao", email: "asha@example.com", contact: "+91 98765 43210" },
      onSuccess: (payment) => log.push(["onSuccess", payment]),
      onFailure: (failure) => log.push(["onFailure", failure]),
      onClose: () => log.push(["onClose"]),
      ...extra,
    });
    for (const event of ["ready", "payment.submitted", "payment.succeeded", "payment.failed", "error", "closed"]) {
      handle.on(event, (payload) => log.push(["event:" + event, payload]));
    }
    handle.result.then((result) => log.push(["result", result]));
    window.handles.push(handle);
    return handle;
  };
  document.getElementById("pay").addEventListener("click", () => window.openCheckout(window.nextOrderId));
</script>
</body></html>`;
}

/** A page on yet another origin, for forged messages (SPEC §10's "third origin"). */
const otherPage = "<!doctype html><title>Other origin</title><p>other origin</p>";

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

export async function startMerchantSite(checkoutUrl: string): Promise<StaticSite> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/favicon.ico") return res.writeHead(204).end();
    const body = path === "/" ? merchantPage(checkoutUrl) : path === "/other" ? otherPage : null;
    if (body === null) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
