import type { CheckoutInvoice } from "@paygate/contracts";
import { and, eq, isNull } from "drizzle-orm";
import { invoices, merchants } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { serializeInvoice } from "../invoices/serialize.js";
import { markInvoiceViewed } from "../invoices/transitions.js";

/**
 * `GET /checkout/invoices/:id` (public, no key): what the hosted page `/i/{id}` shows. Opening it
 * moves a sent invoice to `viewed`. The invoice id (21 random characters) is the capability, as
 * the link in the customer's email; a draft is not public yet, so it is "not found" like an
 * unknown id. Carries the merchant's publishable key (public by design) and the order id so the
 * page can pay; never the customer's email, the secret or anything of the merchant's account.
 */
export async function getCheckoutInvoice({
  ctx,
  invoiceId,
}: {
  ctx: ServiceContext;
  invoiceId: string;
}): Promise<CheckoutInvoice> {
  return withTransaction(ctx, async (tx) => {
    const [found] = await tx.db
      .select({ invoice: invoices, merchant: { name: merchants.name, apiKey: merchants.apiKey } })
      .from(invoices)
      .innerJoin(merchants, eq(merchants.id, invoices.merchantId))
      .where(and(eq(invoices.id, invoiceId), isNull(merchants.deletedAt)));
    if (!found || found.invoice.status === "draft" || !found.merchant.apiKey) throw notFound("Invoice");
    const invoice = serializeInvoice(await markInvoiceViewed(tx, found.invoice));
    return {
      invoice: {
        id: invoice.id,
        number: invoice.number,
        status: invoice.status,
        customer: { name: invoice.customer.name },
        currency: invoice.currency,
        line_items: invoice.line_items,
        subtotal: invoice.subtotal,
        discount_amount: invoice.discount_amount,
        tax_bps: invoice.tax_bps,
        tax_amount: invoice.tax_amount,
        total: invoice.total,
        amount_paid: invoice.amount_paid,
        amount_due: invoice.amount_due,
        due_date: invoice.due_date,
        notes: invoice.notes,
        terms: invoice.terms,
        order_id: invoice.order_id,
        paid_at: invoice.paid_at,
      },
      merchant: { name: found.merchant.name },
      key: found.merchant.apiKey,
      test_mode: ctx.config.testMode,
    };
  });
}
