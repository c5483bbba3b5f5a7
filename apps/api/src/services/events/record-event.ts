import type {
  InvoicePaidEvent,
  InvoiceSentEvent,
  PaymentEvent,
  PaymentEventType,
  SettlementEvent,
  SubscriptionEvent,
} from "@paygate/contracts";
import { eq } from "drizzle-orm";
import { events, merchants, webhookDeliveries } from "../../db/schema/index.js";
import { newId } from "../../lib/ids.js";
import type { TxContext } from "../context.js";
import { enqueueJob } from "../jobs/queue.js";

/**
 * Writes an event to the outbox in the caller's transaction, and when the merchant has a
 * webhook URL, a delivery and its job in the same transaction: an event is never lost and
 * never sent for a change that rolled back.
 */
export async function recordEvent(
  ctx: TxContext,
  merchantId: string,
  ...[type, data]:
    | [PaymentEventType, PaymentEvent["data"]]
    | [SettlementEvent["type"], SettlementEvent["data"]]
    | [InvoiceSentEvent["type"], InvoiceSentEvent["data"]]
    | [InvoicePaidEvent["type"], InvoicePaidEvent["data"]]
    | [SubscriptionEvent["type"], SubscriptionEvent["data"]]
) {
  const id = newId("event");
  const createdAt = ctx.clock.now();
  const payload = { id, type, created_at: createdAt.toISOString(), data };
  await ctx.db.insert(events).values({ id, merchantId, type, payload, createdAt });
  const [merchant] = await ctx.db
    .select({ webhookUrl: merchants.webhookUrl })
    .from(merchants)
    .where(eq(merchants.id, merchantId));
  if (merchant?.webhookUrl) {
    const deliveryId = newId("delivery");
    await ctx.db
      .insert(webhookDeliveries)
      .values({ id: deliveryId, merchantId, eventId: id, url: merchant.webhookUrl, createdAt });
    await enqueueJob(ctx, "webhook.deliver", { delivery_id: deliveryId });
  }
  return payload;
}
