import { withTransaction, type ServiceContext } from "../context.js";
import { failPayment, lockOrderAndPayment, voidAuthorization } from "./transitions.js";

/**
 * The `payment.expire_authorization` job, due AUTH_EXPIRY_HOURS after the authorization: an
 * authorization still not captured is voided. Guarded by status and by the clock, so a job that
 * runs late (the payment captured or voided meanwhile) changes nothing.
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
