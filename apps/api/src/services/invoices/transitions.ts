import { and, eq, inArray } from "drizzle-orm";
import { type InvoiceRow, invoices, type OrderRow, type PaymentRow } from "../../db/schema/index.js";
import { ServiceError } from "../../lib/errors.js";
import type { TxContext } from "../context.js";
import { recordEvent } from "../events/record-event.js";
import { serializeOrder, serializePayment } from "../serialize.js";
import { serializeInvoice } from "./serialize.js";

type InvoiceStatus = InvoiceRow["status"];

/**
 * The invoice state machine (SPEC §14): each transition names the statuses it may leave, and the
 * UPDATEs are guarded by exactly these, so a view racing a payment, a late overdue job or a
 * repeated cancel cannot move an invoice twice. `paid` and `cancelled` are final.
 */
export const invoiceTransitions = {
  edit: ["draft"],
  send: ["draft"],
  /** The customer opened the hosted page. */
  view: ["sent"],
  /** Its order was paid (the capture's transaction). An overdue invoice may still be paid. */
  pay: ["sent", "viewed", "overdue"],
  overdue: ["sent", "viewed"],
  cancel: ["draft", "sent", "viewed", "overdue"],
} as const satisfies Record<string, readonly InvoiceStatus[]>;

type Transition = keyof typeof invoiceTransitions;

export function invoiceCan(transition: Transition, status: InvoiceStatus): boolean {
  const from: readonly InvoiceStatus[] = invoiceTransitions[transition];
  return from.includes(status);
}

const verbs: Record<Transition, string> = {
  edit: "edited",
  send: "sent",
  view: "viewed",
  pay: "paid",
  overdue: "marked overdue",
  cancel: "cancelled",
};

/** 409 `invoice_state_invalid`, saying what the invoice's status allows. */
export function invoiceStateError(transition: Transition, invoice: Pick<InvoiceRow, "status">) {
  return new ServiceError(
    "invoice_state_invalid",
    `A ${invoice.status} invoice cannot be ${verbs[transition]} (only ${invoiceTransitions[transition].join(", ")})`,
    { param: "id", meta: { status: invoice.status } },
  );
}

const leaving = (invoiceId: string, transition: Transition) =>
  and(eq(invoices.id, invoiceId), inArray(invoices.status, invoiceTransitions[transition]));

/** sent → viewed (the hosted page was opened); the invoice as it is otherwise. */
export async function markInvoiceViewed(tx: TxContext, invoice: InvoiceRow) {
  if (!invoiceCan("view", invoice.status)) return invoice;
  const now = tx.clock.now();
  const [row] = await tx.db
    .update(invoices)
    .set({ status: "viewed", viewedAt: now, updatedAt: now })
    .where(leaving(invoice.id, "view"))
    .returning();
  return row ?? invoice;
}

/**
 * The capture hook: `order` was just paid by `payment` (same transaction, under the order's
 * lock). Its invoice, if it has one, becomes `paid` and `invoice.paid` is recorded with it.
 */
export async function markOrderInvoicePaid(tx: TxContext, order: OrderRow, payment: PaymentRow) {
  const now = tx.clock.now();
  const [row] = await tx.db
    .update(invoices)
    .set({ status: "paid", amountPaid: order.amountPaid, paidAt: now, updatedAt: now })
    .where(and(eq(invoices.orderId, order.id), inArray(invoices.status, invoiceTransitions.pay)))
    .returning();
  if (!row) return null;
  await recordEvent(tx, row.merchantId, "invoice.paid", {
    invoice: serializeInvoice(row),
    payment: serializePayment(payment),
    order: serializeOrder(order),
  });
  return row;
}

/** sent / viewed → overdue once its due date has ended (by the clock); null when it no longer applies. */
export async function markInvoiceOverdue(tx: TxContext, invoice: InvoiceRow) {
  if (!invoice.dueDate || !invoiceCan("overdue", invoice.status)) return null;
  if (tx.clock.now().getTime() < endOfDueDate(invoice.dueDate).getTime()) return null;
  const [row] = await tx.db
    .update(invoices)
    .set({ status: "overdue", updatedAt: tx.clock.now() })
    .where(leaving(invoice.id, "overdue"))
    .returning();
  return row ?? null;
}

/** The moment a `YYYY-MM-DD` due date has passed: the start of the next day, UTC. */
export function endOfDueDate(dueDate: string): Date {
  const start = new Date(`${dueDate}T00:00:00.000Z`);
  return new Date(start.getTime() + 24 * 3600 * 1000);
}
