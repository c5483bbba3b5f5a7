import { createHmac, timingSafeEqual } from "node:crypto";

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies the `signature` of a checkout's `onSuccess`: hex HMAC-SHA256 keyed by your API
 * secret over `${orderId}|${paymentId}`. Pass the order id *you* stored, not one from the browser.
 * @example verifyPaymentSignature({ orderId, paymentId, signature }, process.env.PAYGATE_SECRET)
 */
export function verifyPaymentSignature(
  result: { orderId: string; paymentId: string; signature: string },
  apiSecret: string,
): boolean {
  const expected = createHmac("sha256", apiSecret).update(`${result.orderId}|${result.paymentId}`).digest("hex");
  return constantTimeEqual(expected, result.signature);
}
