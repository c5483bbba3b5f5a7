import { and, eq } from "drizzle-orm";
import { invoices, merchants } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { recordEvent } from "../events/record-event.js";
import { enqueueJob } from "../jobs/queue.js";
import { sendEmail } from "../mailbox/index.js";
import { formatDocumentNumber, nextNumber } from "../numbering/next-number.js";
import { createOrder } from "../orders/orders.js";
import { invoiceAmounts } from "./amounts.js";
import { invoiceDiscountFor, reserveInvoiceDiscount } from "./discount.js";
import { loadInvoice } from "./invoices.js";
import { serializeInvoice } from "./serialize.js";
import { endOfDueDate, invoiceCan, invoiceStateError } from "./transitions.js";

/**
 * `POST /invoices/:id/send`: draft → sent. In one transaction: the number, the order the customer
 * pays (amount = total, no discount of its own), the hosted page's URL, the overdue job at the end
 * of the due date, and the `invoice.sent` event.
 */
export async function sendInvoice({
  ctx,
  merchantId,
  invoiceId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  invoiceId: string;
}) {
  return withTransaction(ctx, async (tx) => {
    const invoice = await loadInvoice(tx, merchantId, invoiceId, true);
    if (!invoiceCan("send", invoice.status)) throw invoiceStateError("send", invoice);
    // The code is checked again now (it may have expired since the draft), and its use reserved below.
    const request = invoice.discountCode
      ? {
          merchantId,
          code: invoice.discountCode,
          subtotal: invoice.subtotal,
          currency: invoice.currency,
          customerEmail: invoice.customerEmail,
        }
      : null;
    const amounts = invoiceAmounts(invoice.lineItems, request ? await invoiceDiscountFor(tx, request) : 0, invoice.taxBps);
    if (amounts.total < 1) {
      throw new ServiceError("invoice_state_invalid", "An invoice whose total is zero has nothing to pay and cannot be sent", {
        param: "id",
        meta: { status: invoice.status },
      });
    }
    // The receipts' gapless per-merchant counter, in its own "invoice" sequence.
    const number = formatDocumentNumber("INV", await nextNumber(tx, merchantId, "invoice"));
    const order = await createOrder({
      ctx: tx,
      merchantId,
      input: {
        amount: amounts.total,
        currency: invoice.currency,
        receipt: number,
        notes: { invoice_id: invoice.id },
        customer_email: invoice.customerEmail,
        // SPEC §15: the order bills the invoice's customer (a renewal's, or the merchant's choice),
        // so its page can save the card.
        ...(invoice.customerId === null ? {} : { customer_id: invoice.customerId }),
      },
    });
    if (request) await reserveInvoiceDiscount(tx, { ...request, orderId: order.id });
    const now = tx.clock.now();
    const [row] = await tx.db
      .update(invoices)
      .set({
        status: "sent",
        number,
        discountAmount: amounts.discountAmount,
        taxAmount: amounts.taxAmount,
        total: amounts.total,
        orderId: order.id,
        url: `${tx.config.checkoutUrl.replace(/\/+$/, "")}/i/${invoice.id}`,
        sentAt: now,
        updatedAt: now,
      })
      .where(and(eq(invoices.id, invoice.id), eq(invoices.status, "draft")))
      .returning();
    // Locked above and checked draft: the guard cannot miss; this only narrows the type.
    if (!row) throw invoiceStateError("send", invoice);
    if (row.dueDate) {
      const delayMs = Math.max(0, endOfDueDate(row.dueDate).getTime() - now.getTime());
      await enqueueJob(tx, "invoice.mark_overdue", { invoice_id: row.id }, { delayMs });
    }
    const sent = serializeInvoice(row);
    await recordEvent(tx, merchantId, "invoice.sent", { invoice: sent });
    // Recorded in this transaction (sent by SMTP after commit when configured): no email for a
    // send that rolled back, and no sent invoice without its email.
    const [merchant] = await tx.db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId));
    await sendEmail({
      ctx: tx,
      merchantId,
      to: row.customerEmail,
      kind: "invoice_sent",
      data: {
        merchant_name: merchant?.name ?? "",
        invoice_id: row.id,
        invoice_number: number,
        customer_name: row.customerName,
        currency: row.currency,
        total: row.total,
        amount_due: sent.amount_due,
        due_date: row.dueDate,
        url: sent.url ?? "",
      },
    });
    return sent;
  });
}
