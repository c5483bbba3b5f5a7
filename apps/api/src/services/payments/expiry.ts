import { z } from "zod";
import { type ServiceContext, withTransaction } from "../context.js";
import { defineJob } from "../jobs/define-job.js";
import { failPayment, lockOrderAndPayment, voidAuthorization } from "./transitions.js";

/**
 * The `payment.expire_authorization` job, due AUTH_EXPIRY_HOURS after the authorization: an
 * authorization still not captured is voided. Guarded by status and by the clock, so a job that
 * runs late (the payment captured or voided meanwhile) or early (re-delivered) changes nothing.
 */
export async function expireAuthorization(ctx: ServiceContext, paymentId: string) {
  await withTransaction(ctx, async (tx) => {
    const { payment } = await lockOrderAndPayment(tx, paymentId, null);
    if (payment.status !== "authorized" || !payment.authorizedAt) return;
    if (payment.authorizedAt.getTime() + tx.config.authExpiryMs > tx.clock.now().getTime()) return;
    await voidAuthorization(tx, payment, "authorization_expired");
  });
}

/**
 * The `payment.action_timeout` job, due ACTION_TIMEOUT_MINUTES after the payment began waiting
 * for 3-D Secure: if the shopper never authenticated, the payment fails.
 */
export async function timeOutAction(ctx: ServiceContext, paymentId: string) {
  await withTransaction(ctx, async (tx) => {
    const { payment } = await lockOrderAndPayment(tx, paymentId, null);
    if (payment.status !== "requires_action") return;
    // updated_at is when it entered requires_action: nothing else writes the row while it waits.
    if (payment.updatedAt.getTime() + tx.config.actionTimeoutMs > tx.clock.now().getTime()) return;
    await failPayment(tx, payment, "authentication_timeout");
  });
}

const paymentJob = z.object({ payment_id: z.string() });

export const expireAuthorizationJob = defineJob("payment.expire_authorization", paymentJob, ({ ctx, payload }) =>
  expireAuthorization(ctx, payload.payment_id),
);

export const actionTimeoutJob = defineJob("payment.action_timeout", paymentJob, ({ ctx, payload }) =>
  timeOutAction(ctx, payload.payment_id),
);
