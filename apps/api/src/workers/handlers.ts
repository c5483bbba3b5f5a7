import { z } from "zod";
import type { JobType } from "../services/jobs/queue.js";
import { releasePayment } from "../services/ledger/postings.js";
import { runSettlement } from "../services/ledger/settlements.js";
import { processPayment } from "../services/payments/payments.js";
import { processRefund } from "../services/refunds/refunds.js";
import { deliverWebhook } from "../services/webhooks/delivery.js";
import type { JobHandler } from "./pool.js";

const paymentJob = z.object({ payment_id: z.string() });
const refundJob = z.object({ refund_id: z.string() });
const deliveryJob = z.object({ delivery_id: z.string() });
const settlementJob = z.object({ due_at: z.iso.datetime() });

/** Job payloads carry ids only (never card data); each handler calls the same services as the API. */
export const jobHandlers: Record<JobType, JobHandler> = {
  "payment.process": (ctx, job) => processPayment(ctx, paymentJob.parse(job.payload).payment_id),
  "refund.process": (ctx, job) => processRefund(ctx, refundJob.parse(job.payload).refund_id),
  "webhook.deliver": (ctx, job) => deliverWebhook(ctx, deliveryJob.parse(job.payload).delivery_id),
  "ledger.release": (ctx, job) => releasePayment(ctx, paymentJob.parse(job.payload).payment_id),
  "settlement.run": async (ctx, job) => {
    await runSettlement(ctx, new Date(settlementJob.parse(job.payload).due_at));
  },
};
