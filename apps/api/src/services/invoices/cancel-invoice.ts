import { and, eq } from "drizzle-orm";
import { invoices } from "../../db/schema/index.js";
import { type ServiceContext, withTransaction } from "../context.js";
import { loadOrder } from "../orders/orders.js";
import { cancelOrderRow } from "../orders/transitions.js";
import { voidOtherAuthorizations } from "../payments/transitions.js";
import { loadInvoice } from "./invoices.js";
import { serializeInvoice } from "./serialize.js";
import { invoiceCan, invoiceStateError } from "./transitions.js";

/**
 * `POST /invoices/:id/cancel`: an unpaid invoice → cancelled, and its order cancelled with it (its
 * authorizations voided) so it can no longer be paid. Locks the order before the invoice, the
 * order in which a capture takes them.
 */
export async function cancelInvoice({
  ctx,
  merchantId,
  invoiceId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  invoiceId: string;
}) {
  return withTransaction(ctx, async (tx) => {
    const { orderId } = await loadInvoice(tx, merchantId, invoiceId);
    const order = orderId ? await loadOrder(tx, merchantId, orderId, true) : null;
    const invoice = await loadInvoice(tx, merchantId, invoiceId, true);
    if (!invoiceCan("cancel", invoice.status)) throw invoiceStateError("cancel", invoice);
    if (order && order.status !== "cancelled") {
      const cancelled = await cancelOrderRow(tx, order.id);
      // The invoice is unpaid, so its order is: a paid order would have paid the invoice with it.
      if (!cancelled) throw invoiceStateError("cancel", { status: "paid" });
      await voidOtherAuthorizations(tx, cancelled, null);
    }
    const now = tx.clock.now();
    const [row] = await tx.db
      .update(invoices)
      .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
      .where(and(eq(invoices.id, invoice.id), eq(invoices.status, invoice.status)))
      .returning();
    if (!row) throw invoiceStateError("cancel", invoice);
    return serializeInvoice(row);
  });
}
