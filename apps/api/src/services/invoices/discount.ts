import type { Currency } from "@paygate/contracts";
import { ServiceError } from "../../lib/errors.js";
import type { ServiceContext } from "../context.js";

export interface InvoiceDiscountRequest {
  merchantId: string;
  code: string;
  /** What the discount applies to: the invoice's subtotal, in minor units of `currency`. */
  subtotal: number;
  currency: Currency;
  customerEmail: string;
}

/**
 * The discount an invoice's `discount_code` gives on its subtotal, in minor units: the one call
 * the invoice arithmetic takes its discount from. Promo codes (SPEC §14) are not built in this
 * branch yet, so every code is unknown (409 `discount_invalid`, reason `unknown`).
 */
export async function invoiceDiscountFor(_ctx: ServiceContext, request: InvoiceDiscountRequest): Promise<number> {
  throw new ServiceError("discount_invalid", `No discount code "${request.code}"`, {
    param: "discount_code",
    meta: { reason: "unknown" },
  });
}
