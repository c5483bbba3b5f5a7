// Runs in a temp project OUTSIDE the workspace where only the packed tarballs are installed
// (packaging.test.ts): what a merchant's server does with @paygate/node, end to end against a
// real API, plus an import of the browser SDK's ESM build. Prints one JSON line of results.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { createPayGateClient, PayGateError, verifyPaymentSignature, verifyWebhook } from "@paygate/node";
import { PaymentGateway } from "@paygate/sdk";

const { PAYGATE_API_URL: apiUrl, PAYGATE_API_KEY: apiKey, PAYGATE_API_SECRET: apiSecret } = process.env;
const { PAYGATE_WEBHOOK_SECRET: webhookSecret, WEBHOOK_PORT: webhookPort } = process.env;
const results = {};

// The merchant's webhook receiver: resolves with the first verified order.paid event.
const orderPaid = new Promise((resolve, reject) => {
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    try {
      const event = verifyWebhook(body, req.headers, webhookSecret);
      res.writeHead(204).end();
      if (event.type === "order.paid") {
        server.close();
        resolve(event);
      }
    } catch (error) {
      res.writeHead(400).end();
      reject(error);
    }
  });
  server.listen(Number(webhookPort), "127.0.0.1");
});

const paygate = createPayGateClient({ apiUrl, apiKey, apiSecret });
const order = await paygate.orders.create({ amount: 49900, currency: "INR" }, { idempotencyKey: `cart-${Date.now()}` });
results.order = { id: order.id, amount: order.amount, status: order.status };

// What the checkout does in the shopper's browser: pay with the public key, read the signature.
const pay = await fetch(`${apiUrl}/api/v1/payments/public`, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ key: apiKey, order_id: order.id, method: "upi", vpa: "success@paygate" }),
});
const paymentId = (await pay.json()).data.id;
let signature;
for (let attempt = 0; attempt < 200 && !signature; attempt++) {
  const status = await (await fetch(`${apiUrl}/api/v1/payments/${paymentId}/public?key=${apiKey}`)).json();
  signature = status.data.signature;
  if (!signature) await new Promise((done) => setTimeout(done, 100));
}
results.signatureValid = verifyPaymentSignature({ orderId: order.id, paymentId, signature }, apiSecret);
results.otherOrderSignatureValid = verifyPaymentSignature({ orderId: "order_other", paymentId, signature }, apiSecret);

const event = await orderPaid;
results.webhook = { type: event.type, orderId: event.data.payment.order_id, paymentId: event.data.payment.id };
try {
  verifyWebhook("{}", { "webhook-id": "evt_x", "webhook-timestamp": "1", "webhook-signature": "v1,AAAA" }, webhookSecret);
} catch (error) {
  results.forgedWebhook = error.name;
}
try {
  await paygate.orders.get("order_doesnotexist");
} catch (error) {
  results.missingOrder = error instanceof PayGateError ? error.type : String(error);
}

results.sdk = {
  version: PaymentGateway.version,
  open: typeof PaymentGateway.open,
  scriptTagBuild: existsSync(fileURLToPath(import.meta.resolve("@paygate/sdk/sdk.js"))),
};
console.log(JSON.stringify(results));
