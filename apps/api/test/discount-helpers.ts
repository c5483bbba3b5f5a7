import { expect } from "vitest";
import { keyAuth, type MerchantCredentials, type TestApi } from "./helpers.js";

export interface DiscountBody {
  id: string;
  code: string;
  times_used: number;
  [field: string]: unknown;
}

/** Creates a promo code (201 expected). */
export async function createDiscount(api: TestApi, merchant: MerchantCredentials, body: Record<string, unknown>) {
  const response = await api.request("/api/v1/discounts", { method: "POST", auth: keyAuth(merchant), json: body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).data as DiscountBody;
}

export async function getDiscount(api: TestApi, merchant: MerchantCredentials, id: string) {
  const response = await api.request(`/api/v1/discounts/${id}`, { auth: keyAuth(merchant) });
  expect(response.status).toBe(200);
  return (await response.json()).data as DiscountBody;
}

export const postOrder = (api: TestApi, merchant: MerchantCredentials, body: Record<string, unknown>) =>
  api.request("/api/v1/orders", { method: "POST", auth: keyAuth(merchant), json: body });

export const applyCode = (api: TestApi, merchant: MerchantCredentials, orderId: string, code: string, email?: string) =>
  api.request(`/api/v1/checkout/orders/${orderId}/discount`, {
    method: "POST",
    json: { key: merchant.api_key, code, ...(email ? { email } : {}) },
  });

export const removeCode = (api: TestApi, merchant: MerchantCredentials, orderId: string) =>
  api.request(`/api/v1/checkout/orders/${orderId}/discount?key=${merchant.api_key}`, { method: "DELETE" });

/** Rows of the promo-code tables and orders, to assert that a refused request wrote nothing. */
export async function discountCounts(api: TestApi) {
  const db = api.runtime.database.db;
  return {
    discounts: (await db.query.discounts.findMany()).length,
    redemptions: (await db.query.discountRedemptions.findMany()).length,
    orders: (await db.query.orders.findMany()).length,
  };
}
