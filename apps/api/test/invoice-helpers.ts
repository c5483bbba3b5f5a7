import { and, asc, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { events, invoices } from "../src/db/schema/index.js";
import { keyAuth, type MerchantCredentials, type TestApi } from "./helpers.js";

export interface InvoiceView {
  id: string;
  customer_id: string | null;
  number: string | null;
  status: string;
  customer: { name: string; email: string };
  currency: string;
  line_items: { name: string; quantity: number; unit_amount: number; amount: number }[];
  subtotal: number;
  discount_amount: number;
  tax_amount: number;
  total: number;
  amount_paid: number;
  amount_due: number;
  due_date: string | null;
  url: string | null;
  order_id: string | null;
  sent_at: string | null;
  viewed_at: string | null;
  paid_at: string | null;
}

export const invoiceBody = (overrides: Record<string, unknown> = {}) => ({
  customer: { name: "Asha Rao", email: "asha@example.com" },
  line_items: [
    { name: "Design work", quantity: 3, unit_amount: 150_000 },
    { name: "Hosting", quantity: 1, unit_amount: 49_900 },
  ],
  tax_bps: 1800,
  ...overrides,
});

export function invoiceCall(api: TestApi, merchant: MerchantCredentials, method: string, path: string, json?: unknown) {
  return api.request(`/api/v1${path}`, { method, auth: keyAuth(merchant), ...(json === undefined ? {} : { json }) });
}

export async function createDraft(api: TestApi, merchant: MerchantCredentials, overrides: Record<string, unknown> = {}) {
  const response = await invoiceCall(api, merchant, "POST", "/invoices", invoiceBody(overrides));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).data as InvoiceView;
}

export async function sentInvoice(api: TestApi, merchant: MerchantCredentials, overrides: Record<string, unknown> = {}) {
  const draft = await createDraft(api, merchant, overrides);
  const response = await invoiceCall(api, merchant, "POST", `/invoices/${draft.id}/send`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()).data as InvoiceView;
}

export async function getInvoice(api: TestApi, merchant: MerchantCredentials, id: string) {
  const response = await invoiceCall(api, merchant, "GET", `/invoices/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()).data as InvoiceView;
}

/** The events recorded about an invoice, oldest first. */
export async function invoiceEvents(api: TestApi, invoiceId: string) {
  const rows = await api.runtime.database.db
    .select({ type: events.type, payload: events.payload })
    .from(events)
    .where(sql`${events.payload}->'data'->'invoice'->>'id' = ${invoiceId}`)
    .orderBy(asc(events.createdAt));
  return rows as { type: string; payload: { data: Record<string, { id: string; status: string; [key: string]: unknown }> } }[];
}

/** How many invoice rows a merchant has, read from the database (for "nothing written"). */
export async function invoiceCount(api: TestApi, merchant: MerchantCredentials) {
  const rows = await api.runtime.database.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.merchantId, merchant.merchant_id)));
  return rows.length;
}
