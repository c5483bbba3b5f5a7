import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

/**
 * The shop's own database, plain SQL on PGlite: its users and their sessions, and its orders.
 * The shop keeps its own copy of each order's state, moved only by verified webhooks (and the
 * verified onSuccess signature) or by the admin.
 */
const SCHEMA = `
  create table if not exists shop_users (
    id text primary key,
    email text not null unique,
    password_hash text not null,
    role text not null check (role in ('shopper', 'admin')),
    created_at timestamptz not null default now()
  );
  -- Only a hash of the session token is stored: a leaked table cannot be replayed as cookies.
  create table if not exists shop_sessions (
    token_hash text primary key,
    user_id text not null references shop_users(id) on delete cascade,
    expires_at timestamptz not null,
    created_at timestamptz not null default now()
  );
  create index if not exists shop_sessions_user_idx on shop_sessions (user_id);
  create table if not exists shop_orders (
    id text primary key,
    user_id text references shop_users(id),
    items jsonb not null,
    amount integer not null,
    currency text not null,
    paygate_order_id text not null unique,
    payment_id text,
    payment_verified boolean not null default false,
    refund_id text,
    status text not null,
    note text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  );
  create table if not exists webhook_events (
    webhook_id text primary key,
    type text not null,
    shop_order_id text references shop_orders(id),
    received_at timestamptz not null default now()
  );
  create index if not exists webhook_events_order_idx on webhook_events (shop_order_id);
  -- Who moved which order when: every status change writes one row here, in the same statement.
  create table if not exists order_transitions (
    id bigserial primary key,
    shop_order_id text not null references shop_orders(id),
    from_status text not null,
    to_status text not null,
    actor text not null,
    at timestamptz not null default now()
  );
  create index if not exists order_transitions_order_idx on order_transitions (shop_order_id, id);
  -- Databases made before accounts existed: their orders have no owner and only the admin sees them.
  alter table shop_orders add column if not exists user_id text references shop_users(id);
  create index if not exists shop_orders_user_idx on shop_orders (user_id, created_at desc);
  alter table shop_orders add column if not exists tracking_number text;
  alter table shop_orders add column if not exists tracking_url text;
  -- What PayGate actually captured, and the promo code the shopper applied in its checkout:
  -- learnt from the signed webhook, never assumed from the cart.
  alter table shop_orders add column if not exists amount_paid integer;
  alter table shop_orders add column if not exists discount_code text;
  alter table shop_orders add column if not exists discount_amount integer not null default 0;
  -- Each order's PayGate invoice (its PDF is on the order page); null for orders from before invoices.
  alter table shop_orders add column if not exists paygate_invoice_id text;
  -- The shopper's PayGate customer (their saved cards and subscriptions hang off it), made on first need.
  alter table shop_users add column if not exists paygate_customer_id text;
  -- Chai club memberships (subscriptions.ts): the first month is a PayGate order paid in the modal,
  -- later months PayGate's subscription charges with the card saved on that payment.
  create table if not exists shop_subscriptions (
    id text primary key,
    user_id text not null references shop_users(id),
    plan text not null,
    amount integer not null,
    currency text not null,
    paygate_order_id text not null unique,
    payment_id text,
    paygate_subscription_id text unique,
    status text not null check (status in ('awaiting_payment', 'active', 'past_due', 'cancelled')),
    paid_through timestamptz,
    renewals integer not null default 0,
    note text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  );
  create index if not exists shop_subscriptions_user_idx on shop_subscriptions (user_id, created_at desc);
`;

/**
 * Payment: `awaiting_payment` → `confirming` (onSuccess signature verified) → `paid` (webhook).
 * Fulfilment, by the admin: `paid` → `confirmed` → `shipped` (tracking) → `delivered`.
 * Money back: a refund (from `paid` to `delivered`) goes `refund_pending` → `refunded`, a cancellation
 * (before shipping) `cancel_pending` → `cancelled`, each completed by PayGate's webhook; if PayGate
 * reports the refund failed, the order returns to the status it had before.
 */
export type ShopOrderStatus =
  | "awaiting_payment"
  | "confirming"
  | "paid"
  | "confirmed"
  | "shipped"
  | "delivered"
  | "refund_pending"
  | "refunded"
  | "cancel_pending"
  | "cancelled";

/** One logged status change. */
export interface OrderTransition {
  from: ShopOrderStatus;
  to: ShopOrderStatus;
  /** The admin's or shopper's email, or "PayGate" for webhooks. */
  by: string;
  at: string;
}

export interface ShopOrderRow {
  id: string;
  /** The shopper who placed it (null only for orders from before accounts existed). */
  user_id: string | null;
  /** The owner's email, for the admin's list. */
  customer_email: string | null;
  items: { id: string; name: string; quantity: number; price: number }[];
  amount: number;
  currency: string;
  /** What PayGate captured (null until paid): the cart's amount less any promo code. */
  amount_paid: number | null;
  /** The promo code applied in PayGate's checkout, and what it took off. */
  discount_code: string | null;
  discount_amount: number;
  paygate_order_id: string;
  /** PayGate's invoice for the order (its order is `paygate_order_id`). */
  paygate_invoice_id: string | null;
  payment_id: string | null;
  /** The checkout's onSuccess signature was checked against this order (the shopper's side). */
  payment_verified: boolean;
  refund_id: string | null;
  status: ShopOrderStatus;
  tracking_number: string | null;
  tracking_url: string | null;
  /** Every status change, oldest first. */
  history: OrderTransition[];
  note: string | null;
  created_at: string;
  updated_at: string;
  /** Types of the webhooks received for this order, oldest first. */
  events: string[];
}

export interface ShopDatabase {
  db: PGlite;
  close(): Promise<void>;
}

/** Opens PGlite in `dataDir` (created if needed), or in memory without one, and applies the schema. */
export async function openShopDatabase(dataDir?: string): Promise<ShopDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.exec(SCHEMA);
  return { db, close: () => db.close() };
}

const ORDER_COLUMNS = `
  o.id, o.user_id, (select u.email from shop_users u where u.id = o.user_id) as customer_email, o.items, o.amount, o.currency, o.amount_paid, o.discount_code, o.discount_amount, o.paygate_order_id, o.paygate_invoice_id, o.payment_id, o.payment_verified, o.refund_id, o.status, o.note,
  o.tracking_number, o.tracking_url, o.created_at, o.updated_at,
  coalesce((select json_agg(json_build_object('from', t.from_status, 'to', t.to_status, 'by', t.actor, 'at', t.at) order by t.id)
              from order_transitions t where t.shop_order_id = o.id), '[]'::json) as history,
  coalesce((select array_agg(e.type order by e.received_at) from webhook_events e where e.shop_order_id = o.id), '{}') as events
`;

function serialize(row: Record<string, unknown>): ShopOrderRow {
  const date = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
  return { ...(row as unknown as ShopOrderRow), created_at: date(row.created_at), updated_at: date(row.updated_at) };
}

export async function insertOrder(
  db: PGlite,
  order: Pick<ShopOrderRow, "id" | "items" | "amount" | "currency" | "paygate_order_id" | "paygate_invoice_id"> & {
    user_id: string;
    /** The cart's promo code as PayGate applied it to the invoice. */
    discount_code?: string | null;
    discount_amount?: number;
  },
): Promise<void> {
  await db.query(
    `insert into shop_orders (id, user_id, items, amount, currency, paygate_order_id, paygate_invoice_id, discount_code, discount_amount, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'awaiting_payment')`,
    [
      order.id,
      order.user_id,
      JSON.stringify(order.items),
      order.amount,
      order.currency,
      order.paygate_order_id,
      order.paygate_invoice_id,
      order.discount_code ?? null,
      order.discount_amount ?? 0,
    ],
  );
}

/**
 * Whose orders a query may see: one shopper's, or — for the admin pages only — everyone's.
 * Passing the scope explicitly keeps "forgot the owner filter" from compiling.
 */
export type OrderScope = { userId: string } | "all";

export async function getOrder(db: PGlite, id: string, scope: OrderScope): Promise<ShopOrderRow | null> {
  const { rows } = await db.query<Record<string, unknown>>(
    `select ${ORDER_COLUMNS} from shop_orders o where o.id = $1 and ($2::text is null or o.user_id = $2)`,
    [id, scope === "all" ? null : scope.userId],
  );
  return rows[0] ? serialize(rows[0]) : null;
}

export async function listOrders(db: PGlite, scope: OrderScope, limit = 50): Promise<ShopOrderRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `select ${ORDER_COLUMNS} from shop_orders o
      where ($1::text is null or o.user_id = $1)
      order by o.created_at desc, o.id desc limit $2`,
    [scope === "all" ? null : scope.userId, limit],
  );
  return rows.map(serialize);
}

/** Who changes an order: a user's email, or PayGate (its verified webhooks). */
export const PAYGATE_ACTOR = "PayGate";

/**
 * Moves an order from one of `from` to `to`, with optional column changes, and logs who did it.
 * The `status = any(from)` guard makes concurrent or late changes harmless (two admins clicking,
 * a webhook arriving twice or out of order): only one of them moves the order. Returns the
 * transition's log id, or null when nothing moved (or only the note changed).
 */
export async function transitionOrder(
  db: Pick<PGlite, "query">,
  where: { id: string } | { paygateOrderId: string },
  from: ShopOrderStatus[],
  to: ShopOrderStatus,
  set: { payment_id?: string; refund_id?: string; note?: string | null; tracking_number?: string; tracking_url?: string } = {},
  actor = PAYGATE_ACTOR,
): Promise<number | null> {
  const [column, value] = "id" in where ? ["id", where.id] : ["paygate_order_id", where.paygateOrderId];
  // One statement: lock the row if its status allows the move, update it, log the change.
  const { rows } = await db.query<{ id: number }>(
    `with target as (
       select id, status from shop_orders where ${column} = $6 and status = any($7::text[]) for update
     ), moved as (
       update shop_orders o
          set status = $1::text,
              payment_id = coalesce($2, o.payment_id),
              refund_id = coalesce($3, o.refund_id),
              note = case when $4::boolean then $5 else o.note end,
              tracking_number = coalesce($9, o.tracking_number),
              tracking_url = coalesce($10, o.tracking_url),
              updated_at = now()
         from target where o.id = target.id
       returning o.id, target.status as from_status
     )
     insert into order_transitions (shop_order_id, from_status, to_status, actor)
     select id, from_status, $1::text, $8 from moved where from_status <> $1::text
     returning id`,
    [
      to,
      set.payment_id ?? null,
      set.refund_id ?? null,
      "note" in set,
      set.note ?? null,
      value,
      from,
      actor,
      set.tracking_number ?? null,
      set.tracking_url ?? null,
    ],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

/**
 * A refund or cancellation that PayGate (or the call to it) failed: the order goes back to the
 * status it had before `refund_pending`/`cancel_pending`, read from its log.
 */
export async function revertPendingRefund(
  db: Pick<PGlite, "query">,
  where: { id: string } | { paygateOrderId: string },
  note: string,
  actor = PAYGATE_ACTOR,
): Promise<boolean> {
  const [column, value] = "id" in where ? ["id", where.id] : ["paygate_order_id", where.paygateOrderId];
  const result = await db.query(
    `with target as (
       select o.id, o.status,
              coalesce((select t.from_status from order_transitions t
                         where t.shop_order_id = o.id and t.to_status = o.status order by t.id desc limit 1), 'paid') as back
         from shop_orders o
        where o.${column} = $1 and o.status in ('refund_pending', 'cancel_pending') for update
     ), moved as (
       update shop_orders o set status = target.back, note = $2, updated_at = now()
         from target where o.id = target.id
       returning o.id, target.status as from_status, target.back as to_status
     )
     insert into order_transitions (shop_order_id, from_status, to_status, actor)
     select id, from_status, to_status, $3 from moved`,
    [value, note, actor],
  );
  return (result.affectedRows ?? 0) > 0;
}

/**
 * Records a verified onSuccess whatever the status: the webhook may have marked the order paid
 * first (no ordering between the two), and only then does `awaiting_payment` become `confirming`.
 */
export async function recordVerifiedPayment(db: PGlite, id: string, paymentId: string): Promise<void> {
  await db.query(
    `update shop_orders set payment_verified = true, payment_id = coalesce(payment_id, $2), updated_at = now() where id = $1`,
    [id, paymentId],
  );
  await transitionOrder(db, { id }, ["awaiting_payment"], "confirming", {}, "shopper");
}

/**
 * Records what PayGate captured for the order, from a verified webhook. An order paid through its
 * invoice carries no discount of its own (the invoice's total already has it): the code recorded
 * when the order was placed then stays.
 */
export async function recordPaidAmount(
  db: Pick<PGlite, "query">,
  paygateOrderId: string,
  amountPaid: number,
  discount: { code: string; amount: number } | null,
): Promise<void> {
  await db.query(
    `update shop_orders set amount_paid = $2, discount_code = coalesce($3, discount_code),
       discount_amount = case when $3::text is null then discount_amount else $4 end, updated_at = now()
      where paygate_order_id = $1`,
    [paygateOrderId, amountPaid, discount?.code ?? null, discount?.amount ?? 0],
  );
}
