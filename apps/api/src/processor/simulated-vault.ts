import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { type VaultBehaviour, vaultBehaviours, vaultCards } from "../db/schema/index.js";

export const VAULT_PREFIX = "simvault_";

/**
 * The simulator's card vault. A real vault holds the card and charges it later; the simulator
 * only needs to know how a saved card behaves, so it stores the behaviour its magic number stood
 * for (never the number) under an opaque reference.
 */
export function createSimulatedVault(db: DbOrTx) {
  return {
    /**
     * Stores a card that tokenized to `path` ("success", "3ds", "mit_declined", …) and returns
     * its reference. The reference is derived from the idempotency key, so asking again (a worker
     * rerun after a crash) returns the same one and stores nothing new.
     */
    async save(path: string, idempotencyKey: string): Promise<string> {
      const behaviour: VaultBehaviour = (vaultBehaviours as readonly string[]).includes(path)
        ? (path as VaultBehaviour)
        : "random";
      const reference = VAULT_PREFIX + createHash("sha256").update(`vault:${idempotencyKey}`).digest("base64url").slice(0, 24);
      await db.insert(vaultCards).values({ reference, behaviour }).onConflictDoNothing();
      return reference;
    },

    async behaviour(reference: string): Promise<VaultBehaviour | undefined> {
      const [row] = await db
        .select({ behaviour: vaultCards.behaviour })
        .from(vaultCards)
        .where(eq(vaultCards.reference, reference));
      return row?.behaviour;
    },
  };
}
