import { z } from "zod";
import type { JobType } from "../services/jobs/queue.js";
import { expireAuthorization, timeOutAction } from "../services/payments/expiry.js";
import { processPayment } from "../services/payments/payments.js";
import { processRefund } from "../services/refunds/refunds.js";
import { deliverWebhook } from "../services/webhooks/delivery.js";
import type { JobHandler } from "./pool.js";

const paymentJob = z.object({ payment_id: z.string() });
const refundJob = z.object({ refund_id: z.string() });
const deliveryJob = z.object({ delivery_id: z.string() });

/** Job payloads carry ids only (never card data); each handler calls the same services as the API. */
export const jobHandlers: Record<JobType, JobHandler> = {
  "payment.process": (ctx, job) => processPayment(ctx, paymentJob.parse(job.payload).payment_id),
  "payment.expire_authorization": (ctx, job) => expireAuthorization(ctx, paymentJob.parse(job.payload).payment_id),
  "payment.action_timeout": (ctx, job) => timeOutAction(ctx, paymentJob.parse(job.payload).payment_id),
  "refund.process": (ctx, job) => processRefund(ctx, refundJob.parse(job.payload).refund_id),
  "webhook.deliver": (ctx, job) => deliverWebhook(ctx, deliveryJob.parse(job.payload).delivery_id),
};
