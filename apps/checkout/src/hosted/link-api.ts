import type { CheckoutLink, LinkNotPayableMeta } from "@paygate/contracts";
import { NETWORK_MESSAGE, unexpectedAnswerMessage } from "../error-messages.js";

/** What `GET /checkout/links/:id` said, as the page shows it. */
export type LinkState =
  | { name: "payable"; checkout: CheckoutLink }
  | { name: "closed"; meta: LinkNotPayableMeta }
  | { name: "error"; message: string };

type Envelope =
  | { success: true; data: CheckoutLink }
  | { success: false; exception: { type: string; description: string; meta: unknown } };

/**
 * Loads a payment link for its hosted page. A 410 `link_not_payable` is not an error here: its
 * `meta` is what the page shows instead of the form (paid, expired or cancelled). Typed from the
 * contracts, not parsed: zod would not fit the page's budget.
 */
export async function loadLink(apiUrl: string, linkId: string, fetcher: typeof fetch = fetch): Promise<LinkState> {
  let response: Response;
  try {
    response = await fetcher(`${apiUrl}/api/v1/checkout/links/${encodeURIComponent(linkId)}`);
  } catch {
    return { name: "error", message: NETWORK_MESSAGE };
  }
  const body = (await response.json().catch(() => null)) as Envelope | null;
  if (body?.success) return { name: "payable", checkout: body.data };
  const exception = body?.success === false ? body.exception : null;
  if (exception?.type === "link_not_payable" && exception.meta) {
    return { name: "closed", meta: exception.meta as LinkNotPayableMeta };
  }
  if (exception?.type === "not_found" || exception?.type === "validation_error") {
    return {
      name: "error",
      message: "This payment link does not exist. Check the link you were sent, or ask the shop for a new one.",
    };
  }
  if (exception?.type === "rate_limited")
    return { name: "error", message: "Too many attempts in a short time. Wait a minute, then reload." };
  return { name: "error", message: unexpectedAnswerMessage(response.status) };
}
