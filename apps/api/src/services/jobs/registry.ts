import type { z } from "zod";
import { markOverdueJob } from "../invoices/overdue-job.js";
import { releasePaymentJob } from "../ledger/postings.js";
import { settlementRunJob } from "../ledger/settlements.js";
import { sendEmailJob } from "../mailbox/smtp.js";
import { expirePaymentLinkJob } from "../payment-links/expiry.js";
import { actionTimeoutJob, expireAuthorizationJob } from "../payments/expiry.js";
import { processPaymentJob } from "../payments/process-payment.js";
import { processRefundJob } from "../refunds/process-refund.js";
import { renewSubscriptionJob, retrySubscriptionJob } from "../subscriptions/charges.js";
import { deliverWebhookJob } from "../webhooks/deliver-job.js";
import { maintenanceJob } from "./maintenance.js";

/** Every job type the workers run. Payloads carry ids only, never card data. */
export const jobDefinitions = [
  processPaymentJob,
  expireAuthorizationJob,
  actionTimeoutJob,
  processRefundJob,
  deliverWebhookJob,
  maintenanceJob,
  releasePaymentJob,
  settlementRunJob,
  markOverdueJob,
  expirePaymentLinkJob,
  sendEmailJob,
  renewSubscriptionJob,
  retrySubscriptionJob,
] as const;

type Definition = (typeof jobDefinitions)[number];
export type JobType = Definition["type"];
/** The payload `enqueueJob` accepts for a job type, inferred from its definition's schema. */
export type JobPayload<Type extends JobType> = z.input<Extract<Definition, { type: Type }>["payload"]>;
