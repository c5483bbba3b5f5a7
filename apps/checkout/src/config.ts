/** Where the checkout runs and for whom, read once at start from the URL the SDK built. */
export interface CheckoutParams {
  orderId: string;
  key: string;
  apiUrl: string;
  /** The merchant page's origin and channel; null when the page is opened outside the SDK. */
  parent: { origin: string; channel: string } | null;
}

const DEFAULT_API_URL = "http://localhost:8000";

/** An origin exactly as `location.origin` prints it, so it can be a postMessage targetOrigin. */
function asOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

/** The API URL the server put in a meta tag (the hosted pages need nothing else to start). */
export function readApiUrl(doc: Document): string {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="paygate-api-url"]')?.content ?? "";
  // The placeholder survives only when the page is served by something other than our server.
  const apiUrl = meta && !meta.startsWith("__") ? meta : DEFAULT_API_URL;
  return apiUrl.replace(/\/+$/, "");
}

/**
 * Reads `?order_id&key&origin&channel` and the API URL the server put in a meta tag.
 * Returns a message for the shopper instead when the link is unusable.
 */
export function readParams(search: string, doc: Document): CheckoutParams | { error: string } {
  const query = new URLSearchParams(search);
  const orderId = query.get("order_id");
  const key = query.get("key");
  if (!orderId || !key) return { error: "This checkout link is incomplete. Return to the shop and try again." };
  const origin = asOrigin(query.get("origin"));
  const channel = query.get("channel");
  const parent = origin && channel && channel.length >= 8 && channel.length <= 64 ? { origin, channel } : null;
  return { orderId, key, apiUrl: readApiUrl(doc), parent };
}
