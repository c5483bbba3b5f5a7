// Builds dist/sdk.js (minified IIFE for a <script> tag) and dist/index.js (ESM); types come
// from `tsc -p tsconfig.build.json`. The version is injected here, as stripe-js does.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const common = {
  bundle: true,
  target: "es2020",
  define: { __SDK_VERSION__: JSON.stringify(version) },
  legalComments: "none",
  logLevel: "warning",
  absWorkingDir: new URL(".", root).pathname,
};

await build({ ...common, entryPoints: ["src/global.ts"], outfile: "dist/sdk.js", format: "iife", minify: true });
await build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js", format: "esm" });

const minified = readFileSync(new URL("dist/sdk.js", root));
console.log(`sdk.js: ${minified.length} B min, ${gzipSync(minified, { level: 9 }).length} B min+gzip`);
