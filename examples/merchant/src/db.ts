import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

/**
 * The shop's own database: two tables, plain SQL on PGlite. The shop keeps its own copy of
 * each order's state, moved only by verified webhooks (and the verified onSuccess signature).
 */
const SCHEMA = `
  create table if not exists shop_orders (
    id text primary key,
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
`;

/**
 * `awaiting_payment` → `confirming` (onSuccess signature verified) → `paid` (webhook)
 * → `refund_pending` → `refunded` (webhook). A refund that fails returns to `paid`.
 */
export type ShopOrderStatus = "awaiting_payment" | "confirming" | "paid" | "refund_pending" | "refunded";

export interface ShopOrderRow {
  id: string;
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
  o.id, o.items, o.amount, o.currency, o.paygate_order_id, o.payment_id, o.payment_verified, o.refund_id, o.status, o.note,
  o.created_at, o.updated_at,
  coalesce((select array_agg(e.type order by e.received_at) from webhook_events e where e.shop_order_id = o.id), '{}') as events
`;

function serialize(row: Record<string, unknown>): ShopOrderRow {
  const date = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
  return { ...(row as unknown as ShopOrderRow), created_at: date(row.created_at), updated_at: date(row.updated_at) };
}

export async function insertOrder(
  db: PGlite,
  order: Pick<ShopOrderRow, "id" | "items" | "amount" | "currency" | "paygate_order_id">,
): Promise<void> {
  await db.query(
    `insert into shop_orders (id, items, amount, currency, paygate_order_id, status) values ($1, $2, $3, $4, $5, 'awaiting_payment')`,
    [order.id, JSON.stringify(order.items), order.amount, order.currency, order.paygate_order_id],
  );
}

export async function getOrder(db: PGlite, id: string): Promise<ShopOrderRow | null> {
  const { rows } = await db.query<Record<string, unknown>>(`select ${ORDER_COLUMNS} from shop_orders o where o.id = $1`, [id]);
  return rows[0] ? serialize(rows[0]) : null;
}

export async function listOrders(db: PGlite, limit = 20): Promise<ShopOrderRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `select ${ORDER_COLUMNS} from shop_orders o order by o.created_at desc, o.id desc limit $1`,
    [limit],
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
