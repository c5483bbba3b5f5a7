import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./api-server.js";
import { type ConsumerProject, createConsumerProject } from "./consumer-project.js";
import { freePort } from "./ports.js";

const fixtures = new URL("./consumer/", import.meta.url);

const manifest = (project: ConsumerProject, name: string) =>
  JSON.parse(readFileSync(join(project.dir, "node_modules", name, "package.json"), "utf8"));

// The packages and this test do not touch a database: the Postgres run of `.ci/run` would repeat it verbatim.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("@paygate/node and @paygate/sdk installed from their tarballs", () => {
  let project: ConsumerProject;
  let api: RunningApi | undefined;

  beforeAll(async () => {
    project = await createConsumerProject();
  }, 600_000);

  afterAll(async () => {
    await api?.close();
    project?.remove();
  });

  it("are real packages: built dist with types, MIT licence, no workspace-only dependency", () => {
    expect(project.tarballs.sort()).toEqual(["paygate-node-0.1.0.tgz", "paygate-sdk-0.1.0.tgz"]);
    const node = manifest(project, "@paygate/node");
    expect(node).toMatchObject({
      license: "MIT",
      type: "module",
      exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } },
      dependencies: { zod: "4.6.7" },
    });
    expect(node.private).toBeUndefined();
    expect(Object.keys(node.dependencies)).toEqual(["zod"]);
    const sdk = manifest(project, "@paygate/sdk");
    expect(sdk).toMatchObject({
      license: "MIT",
      exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" }, "./sdk.js": "./dist/sdk.js" },
    });
    expect(sdk.private).toBeUndefined();
    expect(sdk.dependencies).toBeUndefined();
    for (const name of ["@paygate/node", "@paygate/sdk"]) {
      const dir = join(project.dir, "node_modules", name);
      for (const file of ["LICENSE", "README.md", "dist/index.js", "dist/index.d.ts"]) {
        expect(readFileSync(join(dir, file), "utf8").length, `${name}/${file}`).toBeGreaterThan(100);
      }
      // The contracts are bundled in, never imported: they are not published.
      expect(readFileSync(join(dir, "dist/index.js"), "utf8")).not.toContain("@paygate/");
      expect(readFileSync(join(dir, "dist/index.d.ts"), "utf8")).not.toContain("@paygate/");
    }
    expect(readFileSync(join(project.dir, "node_modules/@paygate/sdk/dist/sdk.js"), "utf8")).toMatch(/window\.PaymentGateway=/);
  });

  it("a plain Node ESM script creates an order, verifies the payment signature and the order.paid webhook", async () => {
    const webhookPort = await freePort();
    api = await startApi({ TEST_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/webhooks/paygate` });
    const merchant = (await (await fetch(`${api.url}/api/v1/test/merchant`)).json()).data as { webhook_secret: string };
    copyFileSync(new URL("check.mjs", fixtures), join(project.dir, "check.mjs"));

    const { stdout } = await project.node("check.mjs", {
      PAYGATE_API_URL: api.url,
      PAYGATE_API_KEY: TEST_KEY,
      PAYGATE_API_SECRET: TEST_SECRET,
      PAYGATE_WEBHOOK_SECRET: merchant.webhook_secret,
      WEBHOOK_PORT: String(webhookPort),
    });
    const results = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
    expect(results.order).toMatchObject({ amount: 49900, status: "created" });
    expect(results.order.id).toMatch(/^order_/);
    expect(results.signatureValid).toBe(true);
    expect(results.otherOrderSignatureValid).toBe(false);
    expect(results.webhook).toMatchObject({ type: "order.paid", orderId: results.order.id });
    expect(results.webhook.paymentId).toMatch(/^pay_/);
    expect(results.forgedWebhook).toBe("WebhookVerificationError");
    expect(results.missingOrder).toBe("not_found");
    expect(results.sdk).toEqual({ version: "0.1.0", open: "function", scriptTagBuild: true });
  });

  it("a TypeScript consumer type-checks against the installed declarations alone", async () => {
    copyFileSync(new URL("types.ts", fixtures), join(project.dir, "types.ts"));
    writeFileSync(
      join(project.dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022", "DOM"],
          types: [],
          strict: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ["types.ts"],
      }),
    );
    const result = await project.tsc("-p", "tsconfig.json").catch((error: { stdout: string }) => error);
    expect(result.stdout).toBe("");
  });
});
