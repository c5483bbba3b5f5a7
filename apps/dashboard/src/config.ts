const DEFAULT_API_URL = "http://localhost:8000";

/** The API URL the server wrote into the page (renderIndex in @paygate/web-server), without a trailing slash. */
export function readApiUrl(doc: Document): string {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="paygate-api-url"]')?.content ?? "";
  // The placeholder survives only when the page is served by something other than our servers.
  const apiUrl = meta && !meta.startsWith("__") ? meta : DEFAULT_API_URL;
  return apiUrl.replace(/\/+$/, "");
}
