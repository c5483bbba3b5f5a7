import { expect } from "vitest";
import { eventually, keyAuth, type MerchantCredentials, type TestApi } from "./helpers.js";
import { createPayment, settledPayment } from "./payment-helpers.js";

export const SUCCESS_CARD = { number: "4242424242424242", expiry: "12/34", cvv: "123" };
export const THREE_DS_CARD = { number: "4000002760003184", expiry: "12/34", cvv: "123" };
export const REFUNDS_FAIL_CARD = { number: "4000000000005126", expiry: "12/34", cvv: "123" };

export interface PaymentView {
  id: string;
  order_id: string;
  status: string;
  amount: number;
  captured: boolean;
  amount_refunded: number;
  error_code: string | null;
  updated_at: string;
}

/** A payment that reached `status` (default: its pending step done), created with `body`. */
export async function paymentIn(
  api: TestApi,
  merchant: MerchantCredentials,
  orderId: string,
  status: string,
  extra: Record<string, unknown> = {},
): Promise<PaymentView> {
  const response = await createPayment(api, merchant, { order_id: orderId, method: "card", card: SUCCESS_CARD, ...extra });
  expect(response.status).toBe(201);
  const { data } = await response.json();
  return settledPayment(api, merchant, data.id, status);
}

/** A manual-capture payment in `authorized`. */
export const authorizedPayment = (api: TestApi, merchant: MerchantCredentials, orderId: string) =>
  paymentIn(api, merchant, orderId, "authorized", { capture: "manual" });

export async function getJson<T>(api: TestApi, merchant: MerchantCredentials, path: string): Promise<T> {
  const response = await api.request(`/api/v1${path}`, { auth: keyAuth(merchant) });
  expect(response.status).toBe(200);
  return (await response.json()).data as T;
}

export const post = (
  api: TestApi,
  merchant: MerchantCredentials,
  path: string,
  json?: unknown,
  headers: Record<string, string> = {},
) => api.request(`/api/v1${path}`, { method: "POST", auth: keyAuth(merchant), ...(json === undefined ? {} : { json }), headers });

export async function orderPayments(api: TestApi, merchant: MerchantCredentials, orderId: string): Promise<PaymentView[]> {
  return (await getJson<{ items: PaymentView[] }>(api, merchant, `/orders/${orderId}/payments?limit=100`)).items;
}

/** The event types recorded for a payment, oldest first. */
export async function eventTypesFor(api: TestApi, paymentId: string): Promise<string[]> {
  const { events } = await import("../src/db/schema/index.js");
  const { asc, sql } = await import("drizzle-orm");
  const rows = await api.runtime.database.db
    .select({ type: events.type })
    .from(events)
    .where(sql`${events.payload}->'data'->'payment'->>'id' = ${paymentId}`)
    .orderBy(asc(events.createdAt));
  return rows.map((row) => row.type);
}

export async function advanceClock(api: TestApi, merchant: MerchantCredentials, seconds: number) {
  const response = await post(api, merchant, "/test/clock/advance", { seconds });
  expect(response.status).toBe(200);
  return (await response.json()).data as { now: string; offset_seconds: number };
}

export { eventually };
