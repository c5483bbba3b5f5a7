import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { z } from "zod";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords.js";

export type Role = "shopper" | "admin";

export interface ShopUser {
  id: string;
  email: string;
  role: Role;
}

/** What register and login accept. Emails are compared lower-cased. */
export const credentialsSchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(8, "The password needs at least 8 characters").max(200),
});

export type AccountCredentials = z.infer<typeof credentialsSchema>;

/** Creates a shopper; null when the email is taken. */
export async function createShopper(db: PGlite, { email, password }: AccountCredentials): Promise<ShopUser | null> {
  const id = `usr_${randomBytes(8).toString("hex")}`;
  const { rows } = await db.query<ShopUser>(
    `insert into shop_users (id, email, password_hash, role) values ($1, $2, $3, 'shopper')
     on conflict (email) do nothing returning id, email, role`,
    [id, email, await hashPassword(password)],
  );
  return rows[0] ?? null;
}

/** The user with this email and password, or null (same work either way: no timing oracle). */
export async function authenticate(db: PGlite, { email, password }: AccountCredentials): Promise<ShopUser | null> {
  const { rows } = await db.query<ShopUser & { password_hash: string }>(
    `select id, email, role, password_hash from shop_users where email = $1`,
    [email],
  );
  const user = rows[0];
  const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  return user && valid ? { id: user.id, email: user.email, role: user.role } : null;
}

/**
 * Makes sure the configured admin exists with the configured password (run at start, so
 * changing SHOP_ADMIN_PASSWORD and restarting changes it). Its existing sessions are ended.
 */
export async function ensureAdmin(db: PGlite, credentials: AccountCredentials): Promise<void> {
  const admin = credentialsSchema.parse(credentials);
  const hash = await hashPassword(admin.password);
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; password_hash: string }>(
      `insert into shop_users (id, email, password_hash, role) values ($1, $2, $3, 'admin')
       on conflict (email) do update set role = 'admin'
       returning id, password_hash`,
      [`usr_${randomBytes(8).toString("hex")}`, admin.email, hash],
    );
    const row = rows[0];
    if (row && !(await verifyPassword(admin.password, row.password_hash))) {
      await tx.query(`update shop_users set password_hash = $2 where id = $1`, [row.id, hash]);
      await tx.query(`delete from shop_sessions where user_id = $1`, [row.id]);
    }
  });
}
