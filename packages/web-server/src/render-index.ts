/**
 * Written into index.html at build time; the server swaps in the real API URL when it starts
 * (and each app's vite.config.ts does for `pnpm dev`).
 */
export const API_URL_PLACEHOLDER = "__PAYGATE_API_URL__";

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The built index.html with the API URL the page must call (each app's `src/config.ts` reads it).
 * @example renderIndex('<meta name="paygate-api-url" content="__PAYGATE_API_URL__">', "https://api.example.com")
 */
export function renderIndex(template: string, apiUrl: string): string {
  return template.replaceAll(API_URL_PLACEHOLDER, escapeAttribute(apiUrl));
}
