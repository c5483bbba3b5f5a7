import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { webhookDeliveries } from "../../db/schema/index.js";
import { defineJob } from "../jobs/define-job.js";
import { deliverWebhook } from "./delivery.js";

export const deliverWebhookJob = defineJob(
  "webhook.deliver",
  z.object({ delivery_id: z.string() }),
  ({ ctx, payload }) => deliverWebhook(ctx, payload.delivery_id),
  {
    // Retries of the receiver are the delivery's own (retryInMs); this is the worker failing
    // over and over: the delivery ends failed (a merchant can retry it) instead of pending.
    async onExhausted({ tx, payload }) {
      await tx.db
        .update(webhookDeliveries)
        .set({ status: "failed", nextRetryAt: null })
        .where(and(eq(webhookDeliveries.id, payload.delivery_id), eq(webhookDeliveries.status, "pending")));
    },
  },
);
