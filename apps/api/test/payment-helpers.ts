import { expect } from "vitest";
import { eventually, keyAuth, type MerchantCredentials, type TestApi } from "./helpers.js";

export async function createOrder(api: TestApi, merchant: MerchantCredentials, amount = 10_000) {
  const response = await api.request("/api/v1/orders", { method: "POST", auth: keyAuth(merchant), json: { amount } });
  expect(response.status).toBe(201);
  return (await response.json()).data as { id: string; amount: number };
}

export async function createPayment(
  api: TestApi,
  merchant: MerchantCredentials,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return api.request("/api/v1/payments", { method: "POST", auth: keyAuth(merchant), json: body, headers });
}

/** Waits until the payment leaves `pending` (or reaches `status`) and returns it. */
export async function settledPayment(api: TestApi, merchant: MerchantCredentials, paymentId: string, status?: string) {
  return eventually(async () => {
    const { data } = await (await api.request(`/api/v1/payments/${paymentId}`, { auth: keyAuth(merchant) })).json();
    if (status ? data.status === status : data.status !== "pending") return data;
    return undefined;
  });
}

/** An order paid by a captured card payment. */
export async function capturedPayment(api: TestApi, merchant: MerchantCredentials, amount = 10_000) {
  const order = await createOrder(api, merchant, amount);
  const response = await createPayment(api, merchant, {
    order_id: order.id,
    method: "card",
    card: { number: "4111111111111111", expiry: "12/34", cvv: "123" },
  });
  const { data } = await response.json();
  return { order, payment: await settledPayment(api, merchant, data.id, "captured") };
}

/** Creates a refund (201 expected) and returns it. */
export async function createRefund(api: TestApi, merchant: MerchantCredentials, paymentId: string, amount?: number) {
  const response = await api.request(`/api/v1/payments/${paymentId}/refunds`, {
    method: "POST",
    auth: keyAuth(merchant),
    json: amount === undefined ? {} : { amount },
  });
  expect(response.status).toBe(201);
  return (await response.json()).data as { id: string; amount: number; status: string };
}

/** Waits until the refund leaves `pending` and returns it. */
export async function settledRefund(api: TestApi, merchant: MerchantCredentials, refundId: string) {
  return eventually(async () => {
    const { data } = await (await api.request(`/api/v1/refunds/${refundId}`, { auth: keyAuth(merchant) })).json();
    return data.status === "pending" ? undefined : (data as { id: string; status: string; amount: number });
  });
}

/** An order in `currency` paid by a captured card payment (card 5126's refunds fail at the acquirer). */
export async function capturedPaymentIn(
  api: TestApi,
  merchant: MerchantCredentials,
  amount: number,
  currency: string,
  number = "4111111111111111",
) {
  const response = await api.request("/api/v1/orders", { method: "POST", auth: keyAuth(merchant), json: { amount, currency } });
  expect(response.status).toBe(201);
  const order = (await response.json()).data as { id: string };
  const created = await createPayment(api, merchant, {
    order_id: order.id,
    method: "card",
    card: { number, expiry: "12/34", cvv: "123" },
  });
  const { data } = await created.json();
  return (await settledPayment(api, merchant, data.id, "captured")) as { id: string; amount: number; currency: string };
}
