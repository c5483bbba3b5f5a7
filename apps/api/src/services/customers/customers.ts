import { type Customer, customerCreateSchema, customerListQuerySchema, customerUpdateSchema } from "@paygate/contracts";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { type CustomerRow, customers } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { ServiceContext } from "../context.js";
import { page } from "../serialize.js";

export function serializeCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    contact: row.contact,
    notes: row.notes,
    created_at: row.createdAt.toISOString(),
  };
}

/** `POST /customers`. */
export async function createCustomer({
  ctx,
  merchantId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  input: z.input<typeof customerCreateSchema>;
}) {
  const body = customerCreateSchema.parse(input);
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(customers)
    .values({
      id: newId("customer"),
      merchantId,
      name: body.name ?? null,
      email: body.email ?? null,
      contact: body.contact ?? null,
      notes: body.notes ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return serializeCustomer(row);
}

/** The merchant's own customer; another merchant's is "not found" (`param` names the field that pointed at it). */
export async function loadCustomer(ctx: ServiceContext, merchantId: string, customerId: string, param = "id") {
  const [row] = await ctx.db
    .select()
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.merchantId, merchantId)));
  if (!row) throw notFound("Customer", param);
  return row;
}

export async function getCustomer({
  ctx,
  merchantId,
  customerId,
}: {
  ctx: ServiceContext;
  merchantId: string;
  customerId: string;
}) {
  return serializeCustomer(await loadCustomer(ctx, merchantId, customerId));
}

/** `PATCH /customers/:id`: given fields replace the stored ones; null clears one. */
export async function updateCustomer({
  ctx,
  merchantId,
  customerId,
  input,
}: {
  ctx: ServiceContext;
  merchantId: string;
  customerId: string;
  input: z.input<typeof customerUpdateSchema>;
}) {
  const body = customerUpdateSchema.parse(input);
  const changes: Partial<typeof customers.$inferInsert> = { updatedAt: ctx.clock.now() };
  if (body.name !== undefined) changes.name = body.name;
  if (body.email !== undefined) changes.email = body.email;
  if (body.contact !== undefined) changes.contact = body.contact;
  if (body.notes !== undefined) changes.notes = body.notes;
  const [row] = await ctx.db
    .update(customers)
    .set(changes)
    .where(and(eq(customers.id, customerId), eq(customers.merchantId, merchantId)))
    .returning();
  if (!row) throw notFound("Customer");
  return serializeCustomer(row);
}

/** `GET /customers?email=`: newest first; `email` matches case-insensitively. */
export async function listCustomers({
  ctx,
  merchantId,
  query,
}: {
  ctx: ServiceContext;
  merchantId: string;
  query: z.input<typeof customerListQuerySchema>;
}) {
  const { limit, offset, email } = customerListQuerySchema.parse(query);
  const filters: SQL[] = [eq(customers.merchantId, merchantId)];
  if (email) filters.push(sql`lower(${customers.email}) = ${email.toLowerCase()}`);
  const rows = await ctx.db
    .select()
    .from(customers)
    .where(and(...filters))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(limit + 1)
    .offset(offset);
  return page(rows.map(serializeCustomer), limit, offset);
}
