/** Written into index.html at build time; the server swaps in the real API URL per request. */
export const API_URL_PLACEHOLDER = "__PAYGATE_API_URL__";

/** Escapes a value for a double-quoted HTML attribute. */
function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The built index.html with the API URL the page must call. */
export function renderIndex(template: string, apiUrl: string): string {
  return template.replace(API_URL_PLACEHOLDER, escapeAttribute(apiUrl));
}
