import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { merchants } from "./merchants.js";

/** Opaque refresh tokens, stored as SHA-256 hashes; a login's rotations share one family. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: text().primaryKey(),
    merchantId: text()
      .notNull()
      .references(() => merchants.id),
    familyId: text().notNull(),
    // Named explicitly: drizzle-kit derives unique-constraint names from the key, not the cased column.
    tokenHash: text().notNull().unique("refresh_tokens_token_hash_unique"),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    rotatedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("refresh_tokens_family_idx").on(t.familyId)],
);
