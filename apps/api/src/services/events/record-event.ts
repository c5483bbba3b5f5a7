import type {
  InvoicePaidEvent,
  InvoiceSentEvent,
  PaymentEvent,
  PaymentEventType,
  PaymentLinkEvent,
  SettlementEvent,
  SubscriptionEvent,
} from "@paygate/contracts";
import { events } from "../../db/schema/index.js";
import { newId } from "../../lib/ids.js";
import type { TxContext } from "../context.js";
import { queueEventDeliveries } from "../webhooks/fan-out.js";

/**
 * Writes an event to the outbox in the caller's transaction, with a delivery and its job for the
 * merchant's webhook URL and each matching endpoint in the same transaction: an event is never
 * lost and never sent for a change that rolled back.
 */
export async function recordEvent(
  ctx: TxContext,
  merchantId: string,
  ...[type, data]:
    | [PaymentEventType, PaymentEvent["data"]]
    | [SettlementEvent["type"], SettlementEvent["data"]]
    | [InvoiceSentEvent["type"], InvoiceSentEvent["data"]]
    | [InvoicePaidEvent["type"], InvoicePaidEvent["data"]]
    | [PaymentLinkEvent["type"], PaymentLinkEvent["data"]]
    | [SubscriptionEvent["type"], SubscriptionEvent["data"]]
) {
  const id = newId("event");
  const createdAt = ctx.clock.now();
  const payload = { id, type, created_at: createdAt.toISOString(), data };
  await ctx.db.insert(events).values({ id, merchantId, type, payload, createdAt });
  await queueEventDeliveries(ctx, { merchantId, eventId: id, type, createdAt });
  return payload;
}
