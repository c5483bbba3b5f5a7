import type { MerchantRow } from "../db/schema/index.js";

export type AppEnv = {
  Variables: {
    requestId: string;
    /** The authenticated account (merchant routes: a merchant; admin routes: an admin). */
    account: MerchantRow;
  };
};
