import { renderIndex } from "@paygate/web-server";
import { defineConfig, type Plugin } from "vite";
import { parseDashboardEnv } from "./server/env.js";

// The same environment as `pnpm start` (PORT, API_URL), parsed the same way. The package scripts
// load this file with `--configLoader runner`: Vite's default loader hands workspace packages
// (@paygate/contracts, @paygate/web-server) to Node, which cannot load their `.ts`.
const { port, apiUrl } = parseDashboardEnv(process.env);

/** `pnpm dev` only: what the production server (server/) does, minus CSP: put the API URL into the page. */
function devServer(): Plugin {
  return { name: "paygate-dashboard-dev", apply: "serve", transformIndexHtml: (html) => renderIndex(html, apiUrl) };
}

export default defineConfig({
  // Preact's automatic JSX runtime through Vite 8's own Oxc transform (no Babel preset needed).
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  plugins: [devServer()],
  server: { port, strictPort: true },
  build: { outDir: "dist", target: "es2020", sourcemap: false },
});
