import {
  type Currency,
  type InvoiceLineItemInput,
  invoiceCreateSchema,
  invoiceListQuerySchema,
  invoiceUpdateSchema,
} from "@paygate/contracts";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { type InvoiceRow, invoices, merchants } from "../../db/schema/index.js";
import { notFound, ServiceError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { loadCustomer } from "../customers/customers.js";
import { renderInvoicePdf } from "../documents/index.js";
import { page } from "../serialize.js";
import { invoiceAmounts, invoiceSubtotal } from "./amounts.js";
import { invoiceDiscountFor } from "./discount.js";
import { serializeInvoice } from "./serialize.js";
import { invoiceStateError } from "./transitions.js";

/** The merchant's own invoice; another merchant's is "not found". */
export async function loadInvoice(ctx: ServiceContext, merchantId: string, invoiceId: string, forUpdate = false) {
  const query = ctx.db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.merchantId, merchantId)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Invoice");
  return row;
}

interface PricedInput {
  merchantId: string;
  lineItems: InvoiceLineItemInput[];
  currency: Currency;
  taxBps: number;
  discountCode: string | null;
  customerEmail: string;
}

/** The invoice's amounts from its lines, tax rate and discount code (the discount from its one call). */
async function price(ctx: ServiceContext, input: PricedInput) {
  const discount =
    input.discountCode === null
      ? 0
      : await invoiceDiscountFor(ctx, {
          merchantId: input.merchantId,
          code: input.discountCode,
          subtotal: invoiceSubtotal(input.lineItems),
          currency: input.currency,
          customerEmail: input.customerEmail,
        });
  try {
    return invoiceAmounts(input.lineItems, discount, input.taxBps);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ServiceError("validation_error", `The invoice's amounts are too large: ${error.message}`, { param: "line_items" });
  }
}

const amountColumns = (amounts: Awaited<ReturnType<typeof price>>) => ({
  lineItems: amounts.lineItems,
  subtotal: amounts.subtotal,
  discountAmount: amounts.discountAmount,
  taxAmount: amounts.taxAmount,
  total: amounts.total,
});

/** `POST /invoices`: a draft, priced by the server (SPEC §14). */
export async function createInvoice({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof invoiceCreateSchema>;
}) {
  const body = invoiceCreateSchema.parse(input);
  // Another merchant's or an unknown customer is 404 naming customer_id, as on orders.
  if (body.customer_id !== undefined) await loadCustomer(ctx, merchantId, body.customer_id, "customer_id");
  const amounts = await price(ctx, {
    merchantId,
    lineItems: body.line_items,
    currency: body.currency,
    taxBps: body.tax_bps,
    discountCode: body.discount_code ?? null,
    customerEmail: body.customer.email,
  });
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(invoices)
    .values({
      id: newId("invoice"),
      merchantId,
      status: "draft",
      customerName: body.customer.name,
      customerEmail: body.customer.email,
      currency: body.currency,
      ...amountColumns(amounts),
      // Codes are case-insensitive and stored upper case, as on orders: the invoice shows the code's own spelling.
      discountCode: body.discount_code?.toUpperCase() ?? null,
      taxBps: body.tax_bps,
      dueDate: body.due_date ?? null,
      notes: body.notes ?? null,
      terms: body.terms ?? null,
      customerId: body.customer_id ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  // An INSERT … RETURNING without a conflict clause yields its row or throws; this only narrows the type.
  if (!row) throw new Error("insert returned no row");
  return serializeInvoice(row);
}

/** `PATCH /invoices/:id`: a draft only; the amounts are computed again from the result. */
export async function updateInvoice({
  ctx,
  merchantId,
  invoiceId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  invoiceId: string;
  input: z.input<typeof invoiceUpdateSchema>;
}) {
  const patch = invoiceUpdateSchema.parse(input);
  return withTransaction(ctx, async (tx) => {
    const current = await loadInvoice(tx, merchantId, invoiceId, true);
    if (current.status !== "draft") throw invoiceStateError("edit", current);
    if (patch.customer_id) await loadCustomer(tx, merchantId, patch.customer_id, "customer_id");
    const next: Pick<InvoiceRow, "customerName" | "customerEmail" | "currency" | "taxBps" | "discountCode"> & {
      lineItems: InvoiceLineItemInput[];
    } = {
      customerName: patch.customer?.name ?? current.customerName,
      customerEmail: patch.customer?.email ?? current.customerEmail,
      currency: patch.currency ?? current.currency,
      taxBps: patch.tax_bps ?? current.taxBps,
      discountCode: patch.discount_code === undefined ? current.discountCode : (patch.discount_code?.toUpperCase() ?? null),
      lineItems: patch.line_items ?? current.lineItems,
    };
    const amounts = await price(tx, { merchantId, ...next });
    const [row] = await tx.db
      .update(invoices)
      .set({
        ...next,
        ...amountColumns(amounts),
        ...(patch.due_date !== undefined ? { dueDate: patch.due_date } : {}),
        ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
        ...(patch.terms !== undefined ? { terms: patch.terms } : {}),
        ...(patch.customer_id !== undefined ? { customerId: patch.customer_id } : {}),
        updatedAt: tx.clock.now(),
      })
      .where(and(eq(invoices.id, invoiceId), eq(invoices.status, "draft")))
      .returning();
    // Locked above and checked draft: the guard cannot miss; this only narrows the type.
    if (!row) throw invoiceStateError("edit", current);
    return serializeInvoice(row);
  });
}

export async function getInvoice({ ctx, merchantId, invoiceId }: { ctx: ServiceContext; merchantId: string; invoiceId: string }) {
  return serializeInvoice(await loadInvoice(ctx, merchantId, invoiceId));
}

export async function listInvoices({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof invoiceListQuerySchema>;
}) {
  const { limit, offset, status, subscription_id: subscriptionId } = invoiceListQuerySchema.parse(query);
  const filters: SQL[] = [eq(invoices.merchantId, merchantId)];
  if (status) filters.push(eq(invoices.status, status));
  if (subscriptionId) filters.push(eq(invoices.subscriptionId, subscriptionId));
  const rows = await ctx.db
    .select()
    .from(invoices)
    .where(and(...filters))
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializeInvoice), limit, offset);
}

/** `GET /invoices/:id/pdf`: the invoice as a PDF document (a draft's says "Draft"). */
export async function renderInvoice({
  ctx,
  merchantId,
  invoiceId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  invoiceId: string;
}) {
  const [found] = await ctx.db
    .select({ invoice: invoices, merchantName: merchants.name })
    .from(invoices)
    .innerJoin(merchants, eq(merchants.id, invoices.merchantId))
    .where(and(eq(invoices.id, invoiceId), eq(invoices.merchantId, merchantId)));
  if (!found) throw notFound("Invoice");
  const invoice = serializeInvoice(found.invoice);
  return { number: invoice.number, pdf: await renderInvoicePdf({ merchant_name: found.merchantName, ...invoice }) };
}
