import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * How a saved card behaves when charged again, as far as the simulator needs to know. A real
 * vault keeps the card; the simulator keeps only this, never the number (SPEC §5: no PAN or CVV).
 * `mit_declined` is magic card 0341: fine while the shopper is present, declined without them.
 */
export const vaultBehaviours = ["success", "3ds", "mit_declined", "refunds_fail", "random"] as const;
export type VaultBehaviour = (typeof vaultBehaviours)[number];

/** The simulated processor's card vault: its opaque reference and the card's behaviour. */
export const vaultCards = pgTable("vault_cards", {
  reference: text().primaryKey(),
  behaviour: text({ enum: vaultBehaviours }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
