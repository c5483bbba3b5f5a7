import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import type { PayGateClient, Subscription } from "@paygate/node";
import type { ShopUser } from "./auth/users.js";
import { CURRENCY, display, type plans } from "./catalog.js";

/**
 * Chai club memberships, the shop's side of PayGate's customers, saved cards and subscriptions.
 *
 * PayGate charges a subscription's first period when it starts. The shopper pays the first month
 * in the checkout modal instead (that payment is where they tick "Save this card"), so the shop
 * creates the PayGate subscription with `start_at` one month after that payment: PayGate's first
 * charge is the second month, and nobody pays a month twice.
 */
export type ShopSubscriptionStatus = "awaiting_payment" | "active" | "past_due" | "cancelled";

export interface ShopSubscriptionRow {
  id: string;
  user_id: string;
  plan: string;
  amount: number;
  currency: string;
  /** The first month's PayGate order, paid in the modal. */
  paygate_order_id: string;
  payment_id: string | null;
  paygate_subscription_id: string | null;
  status: ShopSubscriptionStatus;
  /** The end of the last month paid for: the next renewal. */
  paid_through: string | null;
  /** Months PayGate charged after the first. */
  renewals: number;
  note: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, user_id, plan, amount, currency, paygate_order_id, payment_id, paygate_subscription_id, status,
  paid_through, renewals, note, created_at, updated_at`;

function serialize(row: Record<string, unknown>): ShopSubscriptionRow {
  const date = (value: unknown) => (value instanceof Date ? value.toISOString() : value === null ? null : String(value));
  return {
    ...(row as unknown as ShopSubscriptionRow),
    paid_through: date(row.paid_through),
    created_at: String(date(row.created_at)),
    updated_at: String(date(row.updated_at)),
  };
}

export const subscriptionView = (row: ShopSubscriptionRow) => ({
  ...row,
  amount_display: `${display(row.amount, row.currency)} / month`,
  // While active, the end of the paid month is when PayGate charges the saved card next.
  renews_at: row.status === "active" ? row.paid_through : null,
});

/** One shopper's memberships (never anyone else's: the owner is part of every query). */
export async function listSubscriptions(db: PGlite, userId: string): Promise<ShopSubscriptionRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `select ${COLUMNS} from shop_subscriptions where user_id = $1 order by created_at desc, id desc`,
    [userId],
  );
  return rows.map(serialize);
}

export async function getSubscription(db: PGlite, id: string, userId: string): Promise<ShopSubscriptionRow | null> {
  const { rows } = await db.query<Record<string, unknown>>(
    `select ${COLUMNS} from shop_subscriptions where id = $1 and user_id = $2`,
    [id, userId],
  );
  return rows[0] ? serialize(rows[0]) : null;
}

/**
 * The shopper's PayGate customer, created the first time it is needed. The Idempotency-Key is
 * derived from the shop's user id: two tabs subscribing at once still make one customer.
 */
export async function ensureCustomer(db: PGlite, paygate: PayGateClient, user: ShopUser): Promise<string> {
  const { rows } = await db.query<{ paygate_customer_id: string | null }>(
    `select paygate_customer_id from shop_users where id = $1`,
    [user.id],
  );
  const known = rows[0]?.paygate_customer_id;
  if (known) return known;
  const customer = await paygate.customers.create(
    { email: user.email, notes: { shop_user_id: user.id } },
    { idempotencyKey: `customer-${user.id}` },
  );
  await db.query(`update shop_users set paygate_customer_id = coalesce(paygate_customer_id, $2) where id = $1`, [
    user.id,
    customer.id,
  ]);
  return customer.id;
}

type Plan = (typeof plans)[number];

/**
 * Starts a membership: a PayGate order for the first month, carrying the customer, so the
 * checkout offers "Save this card for future payments". A membership still waiting for its first
 * payment is handed back instead of a second one.
 */
export async function startSubscription(db: PGlite, paygate: PayGateClient, user: ShopUser, plan: Plan) {
  const { rows } = await db.query<Record<string, unknown>>(
    `select ${COLUMNS} from shop_subscriptions
      where user_id = $1 and plan = $2 and status <> 'cancelled' order by created_at desc limit 1`,
    [user.id, plan.id],
  );
  if (rows[0]) return { existing: serialize(rows[0]) };
  const customerId = await ensureCustomer(db, paygate, user);
  const id = `shop_sub_${randomBytes(8).toString("hex")}`;
  const order = await paygate.orders.create(
    {
      amount: plan.price,
      currency: CURRENCY,
      customer_id: customerId,
      notes: { shop_subscription_id: id, plan: plan.id, month: "1" },
    },
    { idempotencyKey: `subscription-order-${id}` },
  );
  await db.query(
    `insert into shop_subscriptions (id, user_id, plan, amount, currency, paygate_order_id, status)
     values ($1, $2, $3, $4, $5, $6, 'awaiting_payment')`,
    [id, user.id, plan.id, plan.price, CURRENCY, order.id],
  );
  return { created: await getSubscription(db, id, user.id) };
}

/** One calendar month later, in UTC, the last day when the month is shorter (Jan 31 → Feb 28/29). */
export function oneMonthAfter(date: Date): Date {
  const next = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  next.setUTCHours(date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
  return next;
}

/**
 * The first month is paid (its signature verified): find the card the shopper saved with that
 * payment and create the PayGate subscription that charges it from next month on. Safe to call
 * twice: the Idempotency-Key is the shop's membership id, and only `awaiting_payment` moves.
 */
export async function activateSubscription(
  db: PGlite,
  paygate: PayGateClient,
  row: ShopSubscriptionRow,
  paymentId: string,
  customerId: string,
): Promise<void> {
  const payment = await paygate.payments.get(paymentId);
  if (payment.order_id !== row.paygate_order_id || (payment.status !== "captured" && payment.status !== "authorized")) {
    throw new Error(`payment ${paymentId} did not pay ${row.paygate_order_id}`);
  }
  // A one-tap payment used a card saved before; otherwise the card this payment saved is the newest.
  const cardId = payment.payment_method_id ?? (await paygate.paymentMethods.list(customerId, { limit: 1 })).items[0]?.id;
  if (!cardId) {
    // Without a saved card there is nothing to renew with: the month is refunded (not kept for a
    // membership that cannot last), and the shopper may join again and tick the box.
    await paygate.refunds.create(paymentId, {}, { idempotencyKey: `subscription-refund-${row.id}` });
    await db.query(
      `update shop_subscriptions set status = 'cancelled', payment_id = $2, note = $3, updated_at = now()
        where id = $1 and status = 'awaiting_payment'`,
      [row.id, paymentId, 'Refunded: the card was not saved. Join again and tick "Save this card for future payments".'],
    );
    return;
  }
  // The month paid now runs from the payment (PayGate's clock, which the test clock moves).
  const paidThrough = oneMonthAfter(new Date(payment.updated_at));
  const subscription = await paygate.subscriptions.create(
    {
      customer_id: customerId,
      payment_method: cardId,
      amount: row.amount,
      currency: CURRENCY,
      interval: "month",
      description: `Chai club (${row.id})`,
      start_at: paidThrough.toISOString(),
    },
    { idempotencyKey: `subscription-${row.id}` },
  );
  await db.query(
    `update shop_subscriptions
        set status = 'active', payment_id = $2, paygate_subscription_id = $3, paid_through = $4, note = null, updated_at = now()
      where id = $1 and status = 'awaiting_payment'`,
    [row.id, paymentId, subscription.id, paidThrough.toISOString()],
  );
}

/**
 * PayGate's view of a subscription, from a verified webhook or a fetch: its status, and how far
 * it is paid. `paid_through` only moves forward (events may arrive out of order).
 */
export async function recordSubscriptionState(
  db: Pick<PGlite, "query">,
  subscription: Subscription,
  { renewed = false, paidThrough = null }: { renewed?: boolean; paidThrough?: string | null } = {},
): Promise<void> {
  await db.query(
    `update shop_subscriptions
        set status = case when status = 'cancelled' then status else $2 end,
            paid_through = greatest(paid_through, $3::timestamptz),
            renewals = renewals + case when $4::boolean then 1 else 0 end,
            updated_at = now()
      where paygate_subscription_id = $1`,
    [subscription.id, subscription.status, paidThrough, renewed],
  );
}
