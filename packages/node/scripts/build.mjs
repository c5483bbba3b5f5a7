// Builds the publishable package: dist/index.js (ESM for Node 20+) and dist/index.d.ts. The
// workspace-only @paygate/contracts is bundled into both, so the tarball depends on zod alone;
// inside the monorepo `exports` still points at src/ (pnpm swaps in `publishConfig` when packing).
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const rootPath = new URL(".", root).pathname;
const { dependencies } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
rmSync(new URL("dist", root), { recursive: true, force: true });

await build({
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.js",
  absWorkingDir: rootPath,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Real npm dependencies stay imports; everything else (our contracts) is inlined.
  external: Object.keys(dependencies ?? {}),
  legalComments: "none",
  logLevel: "warning",
});

// Declarations: one file, the contracts' types inlined, zod's imported from the zod dependency.
// `--no-check`: `pnpm typecheck` checks the sources; this step only writes the declarations.
const bin = createRequire(import.meta.url).resolve("dts-bundle-generator/dist/bin/dts-bundle-generator.js");
execFileSync(
  process.execPath,
  [bin, "--silent", "--no-check", "--project", "tsconfig.build.json", "--no-banner", "-o", "dist/index.d.ts", "src/index.ts"],
  { cwd: rootPath, stdio: "inherit" },
);
