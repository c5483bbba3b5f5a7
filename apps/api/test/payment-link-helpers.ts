import type { CheckoutLink, LinkNotPayableMeta, PaymentLink } from "@paygate/contracts";
import { count, eq } from "drizzle-orm";
import { expect } from "vitest";
import { orders, paymentLinks } from "../src/db/schema/index.js";
import { expectError, type MerchantCredentials, type TestApi } from "./helpers.js";
import { getJson, post } from "./money-helpers.js";
import { settledPayment } from "./payment-helpers.js";

export const LINK_CARD = { number: "4111111111111111", expiry: "12/34", cvv: "123" };

export async function createLink(api: TestApi, merchant: MerchantCredentials, body: Record<string, unknown> = {}) {
  const response = await post(api, merchant, "/payment_links", { amount: 25_000, description: "Blue kurta", ...body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).data as PaymentLink;
}

export const getLink = (api: TestApi, merchant: MerchantCredentials, id: string) =>
  getJson<PaymentLink>(api, merchant, `/payment_links/${id}`);

/** The hosted page's call: no credentials at all. */
export const openLink = (api: TestApi, id: string) => api.request(`/api/v1/checkout/links/${id}`);

export async function openPayableLink(api: TestApi, id: string): Promise<CheckoutLink> {
  const response = await openLink(api, id);
  expect(response.status).toBe(200);
  return (await response.json()).data as CheckoutLink;
}

/** The 410 of a link that is no longer payable, with its meta. */
export async function expectClosedLink(api: TestApi, id: string, reason: LinkNotPayableMeta["reason"]) {
  const response = await openLink(api, id);
  const body = await response.clone().json();
  const exception = await expectError(response, 410, "link_not_payable");
  expect(exception.code).toBe(1025);
  const meta = body.exception.meta as LinkNotPayableMeta;
  expect(meta.reason).toBe(reason);
  return { exception, meta };
}

/** Pays a link as its page does: the key from the public endpoint, then the public payment endpoint. */
export async function payLink(api: TestApi, merchant: MerchantCredentials, id: string, card = LINK_CARD) {
  const page = await openPayableLink(api, id);
  const response = await api.request("/api/v1/payments/public", {
    method: "POST",
    json: { key: page.key, order_id: page.order.id, method: "card", card },
  });
  expect(response.status).toBe(201);
  const { data } = await response.json();
  return settledPayment(api, merchant, data.id, "captured");
}

/** A merchant's payment links and orders, counted in the database ("nothing written"). */
export async function rowCounts(api: TestApi, merchantId: string) {
  const db = api.runtime.database.db;
  const [links] = await db.select({ n: count() }).from(paymentLinks).where(eq(paymentLinks.merchantId, merchantId));
  const [orderRows] = await db.select({ n: count() }).from(orders).where(eq(orders.merchantId, merchantId));
  return { links: links?.n ?? 0, orders: orderRows?.n ?? 0 };
}
