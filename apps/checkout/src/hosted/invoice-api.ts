import type { CheckoutInvoice } from "@paygate/contracts";
import { NETWORK_MESSAGE, unexpectedAnswerMessage } from "../error-messages.js";

/** What `GET /checkout/invoices/:id` said, as the page shows it. */
export type InvoiceState = { name: "loaded"; checkout: CheckoutInvoice } | { name: "error"; message: string };

type Envelope = { success: true; data: CheckoutInvoice } | { success: false; exception: { type: string } };

/**
 * Loads an invoice for its hosted page (no key: the id in the customer's link is enough). The
 * first load marks a sent invoice `viewed`. Typed from the contracts, not parsed: zod would not
 * fit the page's budget.
 */
export async function loadInvoice(apiUrl: string, invoiceId: string, fetcher: typeof fetch = fetch): Promise<InvoiceState> {
  let response: Response;
  try {
    response = await fetcher(`${apiUrl}/api/v1/checkout/invoices/${encodeURIComponent(invoiceId)}`);
  } catch {
    return { name: "error", message: NETWORK_MESSAGE };
  }
  const body = (await response.json().catch(() => null)) as Envelope | null;
  if (body?.success) return { name: "loaded", checkout: body.data };
  const type = body?.success === false ? body.exception.type : null;
  if (type === "not_found" || type === "validation_error") {
    return {
      name: "error",
      message: "This invoice does not exist. Check the link you were sent, or ask the sender for a new one.",
    };
  }
  if (type === "rate_limited")
    return { name: "error", message: "Too many attempts in a short time. Wait a minute, then reload." };
  return { name: "error", message: unexpectedAnswerMessage(response.status) };
}
