import { defineConfig, type Plugin } from "vite";
import { parseDashboardEnv } from "./server/env.js";

// The same environment as `pnpm start` (PORT, API_URL), parsed the same way.
const { port, apiUrl } = parseDashboardEnv(process.env);

/**
 * The production server writes the API URL into the page with renderIndex from @paygate/web-server;
 * this file cannot import it (Vite's config loader leaves workspace packages to Node, which cannot
 * load their `.ts`), so `pnpm dev` does the same replacement here.
 */
function renderDevIndex(html: string): string {
  const escaped = apiUrl.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return html.replaceAll("__PAYGATE_API_URL__", escaped);
}

/** `pnpm dev` only: what the production server (server/) does, minus CSP: put the API URL into the page. */
function devServer(): Plugin {
  return { name: "paygate-dashboard-dev", apply: "serve", transformIndexHtml: (html) => renderDevIndex(html) };
}

export default defineConfig({
  // Preact's automatic JSX runtime through Vite 8's own Oxc transform (no Babel preset needed).
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  plugins: [devServer()],
  server: { port, strictPort: true },
  build: { outDir: "dist", target: "es2020", sourcemap: false },
});
