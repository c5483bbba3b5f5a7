import { eq } from "drizzle-orm";
import { z } from "zod";
import { invoices } from "../../db/schema/index.js";
import { withTransaction } from "../context.js";
import { defineJob } from "../jobs/define-job.js";
import { markInvoiceOverdue } from "./transitions.js";

/** The `invoice.mark_overdue` job, due at the end of the due date: still unpaid → overdue. */
export const markOverdueJob = defineJob(
  "invoice.mark_overdue",
  z.object({ invoice_id: z.string() }),
  async ({ ctx, payload }) => {
    await withTransaction(ctx, async (tx) => {
      const [invoice] = await tx.db.select().from(invoices).where(eq(invoices.id, payload.invoice_id)).for("update");
      if (invoice) await markInvoiceOverdue(tx, invoice);
    });
  },
);
