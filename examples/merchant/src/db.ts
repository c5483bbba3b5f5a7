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
  -- Databases made before accounts existed: their orders have no owner and only the admin sees them.
  alter table shop_orders add column if not exists user_id text references shop_users(id);
  create index if not exists shop_orders_user_idx on shop_orders (user_id, created_at desc);
`;

/**
 * `awaiting_payment` → `confirming` (onSuccess signature verified) → `paid` (webhook)
 * → `refund_pending` → `refunded` (webhook). A refund that fails returns to `paid`.
 */
export type ShopOrderStatus = "awaiting_payment" | "confirming" | "paid" | "refund_pending" | "refunded";

export interface ShopOrderRow {
  id: string;
  /** The shopper who placed it (null only for orders from before accounts existed). */
  user_id: string | null;
  /** The owner's email, for the admin's list. */
  customer_email: string | null;
  items: { id: string; name: string; quantity: number; price: number }[];
  amount: number;
  currency: string;
  paygate_order_id: string;
  payment_id: string | null;
  /** The checkout's onSuccess signature was checked against this order (the shopper's side). */
  payment_verified: boolean;
  refund_id: string | null;
  status: ShopOrderStatus;
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
  o.id, o.user_id, (select u.email from shop_users u where u.id = o.user_id) as customer_email, o.items, o.amount, o.currency, o.paygate_order_id, o.payment_id, o.payment_verified, o.refund_id, o.status, o.note,
  o.created_at, o.updated_at,
  coalesce((select array_agg(e.type order by e.received_at) from webhook_events e where e.shop_order_id = o.id), '{}') as events
`;

function serialize(row: Record<string, unknown>): ShopOrderRow {
  const date = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
  return { ...(row as unknown as ShopOrderRow), created_at: date(row.created_at), updated_at: date(row.updated_at) };
}

export async function insertOrder(
  db: PGlite,
  order: Pick<ShopOrderRow, "id" | "items" | "amount" | "currency" | "paygate_order_id"> & { user_id: string },
): Promise<void> {
  await db.query(
    `insert into shop_orders (id, user_id, items, amount, currency, paygate_order_id, status)
     values ($1, $2, $3, $4, $5, $6, 'awaiting_payment')`,
    [order.id, order.user_id, JSON.stringify(order.items), order.amount, order.currency, order.paygate_order_id],
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

/**
 * Moves an order from one of `from` to `to`, with optional column changes. Returns whether it
 * moved: the `where status in (…)` guard keeps late or out-of-order events from going backwards.
 */
export async function transitionOrder(
  db: Pick<PGlite, "query">,
  where: { id: string } | { paygateOrderId: string },
  from: ShopOrderStatus[],
  to: ShopOrderStatus,
  set: { payment_id?: string; refund_id?: string; note?: string | null } = {},
): Promise<boolean> {
  const [column, value] = "id" in where ? ["id", where.id] : ["paygate_order_id", where.paygateOrderId];
  const result = await db.query(
    `update shop_orders
        set status = $1,
            payment_id = coalesce($2, payment_id),
            refund_id = coalesce($3, refund_id),
            note = case when $4::boolean then $5 else note end,
            updated_at = now()
      where ${column} = $6 and status = any($7::text[])`,
    [to, set.payment_id ?? null, set.refund_id ?? null, "note" in set, set.note ?? null, value, from],
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
  await transitionOrder(db, { id }, ["awaiting_payment"], "confirming");
}
