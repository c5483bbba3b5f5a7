import { expect } from "vitest";
import { pdfText } from "../src/services/documents/pdf-text.js";
import { eventually, keyAuth, type MerchantCredentials, type TestApi } from "./helpers.js";
import { createPayment, settledPayment } from "./payment-helpers.js";

export const CARD = { number: "4242424242424242", expiry: "12/34", cvv: "123" };

export interface ReceiptPayment {
  id: string;
  order_id: string;
  status: string;
  amount: number;
  email: string | null;
  receipt_number: string | null;
}

/** A payment of a new order, waited until `status` (captured by default). */
export async function payOrder(
  api: TestApi,
  merchant: MerchantCredentials,
  options: { amount?: number; currency?: string; receipt?: string; status?: string; payment?: Record<string, unknown> } = {},
): Promise<ReceiptPayment> {
  const order = await api.request("/api/v1/orders", {
    method: "POST",
    auth: keyAuth(merchant),
    json: {
      amount: options.amount ?? 10_000,
      ...(options.currency ? { currency: options.currency } : {}),
      ...(options.receipt ? { receipt: options.receipt } : {}),
    },
  });
  expect(order.status).toBe(201);
  const orderId = (await order.json()).data.id as string;
  const created = await createPayment(api, merchant, { order_id: orderId, method: "card", card: CARD, ...options.payment });
  expect(created.status).toBe(201);
  return settledPayment(api, merchant, (await created.json()).data.id, options.status ?? "captured");
}

/** The text of a PDF response (checked to be a PDF first). */
export async function responsePdfText(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  return pdfText(bytes);
}

export interface TestEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  created_at: string;
}

/** `GET /test/emails?to=` as the merchant. */
export async function testEmails(api: TestApi, merchant: MerchantCredentials, to: string): Promise<TestEmail[]> {
  const response = await api.request(`/api/v1/test/emails?to=${encodeURIComponent(to)}`, { auth: keyAuth(merchant) });
  expect(response.status).toBe(200);
  return (await response.json()).data.items as TestEmail[];
}

/** Waits for `count` emails to `to` (the receipt email commits with the capture, so this is quick). */
export function emailsTo(api: TestApi, merchant: MerchantCredentials, to: string, count = 1) {
  return eventually(async () => {
    const items = await testEmails(api, merchant, to);
    return items.length >= count ? items : undefined;
  });
}
