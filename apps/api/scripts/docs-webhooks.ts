// Rewrites the generated event catalogue in docs/webhooks.md (see src/routes/webhook-catalogue-markdown.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { withFreshCatalogue } from "../src/routes/webhook-catalogue-markdown.js";

const path = fileURLToPath(new URL("../../../docs/webhooks.md", import.meta.url));
writeFileSync(path, withFreshCatalogue(readFileSync(path, "utf8")));
console.log(`wrote ${path}`);
