import { expect } from "vitest";
import { eventually, type MerchantCredentials, type TestApi } from "./helpers.js";
import { getJson, post } from "./money-helpers.js";
import { settledPayment } from "./payment-helpers.js";

export const MIT_DECLINED_CARD = "4000000000000341";

export interface CustomerView {
  id: string;
  name: string | null;
  email: string | null;
  contact: string | null;
  notes: Record<string, string>;
  created_at: string;
}

export interface SavedCardView {
  id: string;
  customer_id: string;
  type: "card";
  card: { last4: string; network: string; expiry_month: number; expiry_year: number };
  created_at: string;
  deleted_at: string | null;
}

export async function createCustomer(api: TestApi, merchant: MerchantCredentials, body: Record<string, unknown> = {}) {
  const response = await post(api, merchant, "/customers", { name: "Asha Rao", email: "asha@example.com", ...body });
  expect(response.status).toBe(201);
  return (await response.json()).data as CustomerView;
}

export async function customerOrder(api: TestApi, merchant: MerchantCredentials, customerId: string | null, amount = 5000) {
  const response = await post(api, merchant, "/orders", { amount, ...(customerId ? { customer_id: customerId } : {}) });
  expect(response.status).toBe(201);
  return (await response.json()).data as { id: string; amount: number; customer_id: string | null; status: string };
}

/** The checkout's payment: `body` adds `card` + `save_card`, or `payment_method`. */
export function publicPayment(api: TestApi, merchant: MerchantCredentials, orderId: string, body: Record<string, unknown>) {
  return api.request("/api/v1/payments/public", { method: "POST", json: { key: merchant.api_key, order_id: orderId, ...body } });
}

export const cardInput = (number: string, expiry = "12/34") => ({ number, expiry, cvv: "123" });

export async function savedCards(api: TestApi, merchant: MerchantCredentials, customerId: string) {
  return (await getJson<{ items: SavedCardView[] }>(api, merchant, `/customers/${customerId}/payment_methods?limit=100`)).items;
}

/**
 * A card saved the way a shopper saves one: an order for the customer paid in the checkout with
 * "Save this card" ticked. 3-D Secure cards are authenticated with the OTP on the way.
 */
export async function saveCard(
  api: TestApi,
  merchant: MerchantCredentials,
  customerId: string,
  number = "4242424242424242",
  expiry = "12/34",
): Promise<SavedCardView> {
  const before = new Set((await savedCards(api, merchant, customerId)).map((card) => card.id));
  const order = await customerOrder(api, merchant, customerId);
  const response = await publicPayment(api, merchant, order.id, {
    method: "card",
    card: cardInput(number, expiry),
    save_card: true,
  });
  expect(response.status).toBe(201);
  const { data } = await response.json();
  const settled = await settledPayment(api, merchant, data.id);
  if (settled.status === "requires_action") {
    const auth = await api.request(`/api/v1/payments/${data.id}/public/authenticate`, {
      method: "POST",
      json: { key: merchant.api_key, otp: "123456" },
    });
    expect(auth.status).toBe(200);
  }
  await settledPayment(api, merchant, data.id, "captured");
  return eventually(async () => (await savedCards(api, merchant, customerId)).find((card) => !before.has(card.id)));
}

/** The merchant's own charge of a saved card, waited on until the worker decided it. */
export async function chargeSavedCard(api: TestApi, merchant: MerchantCredentials, orderId: string, paymentMethodId: string) {
  const response = await post(api, merchant, "/payments", { order_id: orderId, payment_method: paymentMethodId });
  expect(response.status).toBe(201);
  const { data } = await response.json();
  return settledPayment(api, merchant, data.id) as Promise<{
    id: string;
    status: string;
    error_code: string | null;
    payment_method_id: string | null;
    card: { last4: string } | null;
  }>;
}
