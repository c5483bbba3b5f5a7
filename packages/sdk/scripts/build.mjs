// Builds dist/sdk.js (minified IIFE for a <script> tag), dist/index.js (ESM) and
// dist/index.d.ts (one declaration file: only the public types, none from the workspace-only
// @paygate/contracts, so the packed tarball stands alone). The version is injected here, as
// stripe-js does.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
rmSync(new URL("dist", root), { recursive: true, force: true });
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

const dtsBundler = createRequire(import.meta.url).resolve("dts-bundle-generator/dist/bin/dts-bundle-generator.js");
execFileSync(
  process.execPath,
  [
    dtsBundler,
    "--silent",
    "--no-check",
    "--no-banner",
    "--project",
    "tsconfig.build.json",
    "-o",
    "dist/index.d.ts",
    "src/index.ts",
  ],
  { cwd: common.absWorkingDir, stdio: "inherit" },
);

const minified = readFileSync(new URL("dist/sdk.js", root));
console.log(`sdk.js: ${minified.length} B min, ${gzipSync(minified, { level: 9 }).length} B min+gzip`);
