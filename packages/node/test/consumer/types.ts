// Type-checked with `tsc --noEmit` in the temp consumer project against the installed packages'
// declarations (packaging.test.ts): the public types resolve without the workspace.
import {
  createPayGateClient,
  type Order,
  type PayGateClient,
  PayGateError,
  verifyPaymentSignature,
  verifyWebhook,
  type WebhookEvent,
} from "@paygate/node";
import { type CheckoutHandle, type CheckoutOptions, PaymentGateway, type PaymentSuccess } from "@paygate/sdk";

const paygate: PayGateClient = createPayGateClient({ apiKey: "key_test_abc123", apiSecret: "secret_test_xyz789" });

export async function createOrder(): Promise<Order> {
  const order = await paygate.orders.create({ amount: 49900, currency: "INR", notes: { cart: "c1" } });
  const status: Order["status"] = order.status;
  return status === "paid" ? order : paygate.orders.get(order.id);
}

export function receive(body: string, headers: Record<string, string>): string {
  const event: WebhookEvent = verifyWebhook(body, headers, "whsec_c2VjcmV0c2VjcmV0c2VjcmV0");
  return event.type === "order.paid" ? event.data.payment.order_id : event.type;
}

export function confirm(result: PaymentSuccess, storedOrderId: string): boolean {
  return verifyPaymentSignature(
    { orderId: storedOrderId, paymentId: result.payment_id, signature: result.signature },
    "secret_test_xyz789",
  );
}

export function open(orderId: string): CheckoutHandle {
  const options: CheckoutOptions = { key: "key_test_abc123", orderId, checkoutUrl: "http://localhost:3001" };
  return PaymentGateway.open(options);
}

export const isPayGateError = (error: unknown): boolean => error instanceof PayGateError && error.status >= 400;

// @ts-expect-error amount is a number of minor units, never a string
paygate.orders.create({ amount: "499.00" });
