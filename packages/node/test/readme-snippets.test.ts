import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import vm from "node:vm";
import { transformSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./api-server.js";
import { type ConsumerProject, createConsumerProject } from "./consumer-project.js";
import { type CodeBlock, inlineScripts, repositoryCodeBlocks } from "./markdown-blocks.js";
import { freePort } from "./ports.js";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../../", import.meta.url));
const blocks = repositoryCodeBlocks(repo);
const name = (block: CodeBlock) => `${block.file}:${block.line} ${[block.lang, ...block.flags].join(" ")}`;
const isShell = (block: CodeBlock) => ["sh", "bash", "shell"].includes(block.lang);
const runsCurl = (block: CodeBlock) => isShell(block) && /\bcurl\b/.test(block.code) && !block.flags.includes("no-run");
const jsLoaders: Record<string, "js" | "ts" | "tsx"> = {
  js: "js",
  javascript: "js",
  mjs: "js",
  ts: "ts",
  typescript: "ts",
  tsx: "tsx",
};

function parseModule(code: string, loader: "js" | "ts" | "tsx", sourcefile: string) {
  transformSync(code, { loader, format: "esm", sourcefile, logLevel: "silent" });
}

describe("every fenced block in the READMEs and docs/ is valid for its language", () => {
  it("finds the blocks", () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it.each(blocks.map((block) => [name(block), block] as const))("%s", async (_, block) => {
    const loader = jsLoaders[block.lang];
    if (loader) parseModule(block.code, loader, name(block));
    else if (block.lang === "html") {
      for (const script of inlineScripts(block.code)) {
        // A classic <script> is parsed as one, so a top-level `await` there is the SyntaxError a browser throws.
        if (script.module) parseModule(script.code, "js", name(block));
        else new vm.Script(script.code, { filename: name(block) });
      }
    } else if (block.lang === "json") JSON.parse(block.code);
    else if (isShell(block)) await run("bash", ["-n", "-c", block.code]);
  });
});

const readme = (file: string) => readFileSync(join(repo, file), "utf8");

describe("the README content an integrator relies on", () => {
  const byFile = (file: string) => blocks.filter((block) => block.file === file);

  it("has the blocks the test runs: curl with Basic and with the key headers, the page, the server, a node script", () => {
    const root = byFile("README.md");
    const curls = root.filter(runsCurl).map((block) => block.code);
    expect(curls.some((code) => code.includes("-u key_test_abc123:secret_test_xyz789") && code.includes("/api/v1/orders"))).toBe(
      true,
    );
    expect(curls.some((code) => code.includes('-H "X-Api-Key: key_test_abc123"') && code.includes("X-Api-Secret"))).toBe(true);
    expect(curls.some((code) => code.includes("/api/v1/test/merchant"))).toBe(true);
    expect(root.filter((block) => block.flags.includes("page"))).toHaveLength(1);
    expect(root.filter((block) => block.flags.includes("server"))).toHaveLength(1);
    expect(byFile("packages/node/README.md").filter((block) => block.flags.includes("run")).length).toBeGreaterThan(0);
  });

  it("names order.paid as the event to fulfil on in every README, and no other", () => {
    for (const file of ["README.md", "packages/node/README.md", "packages/sdk/README.md"]) {
      expect(readme(file), file).toMatch(/[Ff]ulfil[^.]*`order\.paid`/);
      expect(readme(file), file).not.toMatch(/`payment\.captured`[^.]*source of truth/);
    }
  });

  it("warns in bold that amounts are integer minor units", () => {
    for (const file of ["README.md", "packages/node/README.md"]) {
      expect(readme(file), file).toMatch(/\*\*Amounts are integers in minor units[^*]*\*\*/);
      expect(readme(file), file).toMatch(/`499\.00` in JSON is the number\s+`499`/);
    }
  });
});

const fetchJson = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json() };
};

// Executes the runnable blocks as a newcomer would, against a real API: curl through bash, the JS
// with @paygate/node installed from its packed tarball in a project outside the workspace. The
// README's addresses are mapped to the test's: localhost:8000 → the API, localhost:4242 → the server.
// Nothing here touches TEST_DATABASE_URL: the Postgres run of `.ci/run` would repeat it verbatim.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("the runnable README blocks, executed against a real API", () => {
  let api: RunningApi;
  let project: ConsumerProject;
  let server: ChildProcess | undefined;
  let serverUrl: string;
  let serverPort: number;
  let webhookSecret: string;
  const localize = (code: string) =>
    code.replaceAll("http://localhost:8000", api.url).replaceAll("http://localhost:4242", serverUrl);

  beforeAll(async () => {
    [api, project, serverPort] = await Promise.all([startApi(), createConsumerProject(), freePort()]);
    serverUrl = `http://127.0.0.1:${serverPort}`;
    webhookSecret = (await fetchJson(`${api.url}/api/v1/test/merchant`)).body.data.webhook_secret;
  }, 600_000);

  afterAll(async () => {
    server?.kill();
    await api?.close();
    project?.remove();
  });

  it("the README's test-merchant credentials are the API's", async () => {
    const { data } = (await fetchJson(`${api.url}/api/v1/test/merchant`)).body;
    for (const value of [data.api_key, data.api_secret, data.webhook_secret]) expect(readme("README.md")).toContain(value);
  });

  it("every curl block succeeds (2xx, the success envelope)", async () => {
    const curls = blocks.filter(runsCurl);
    expect(curls.length).toBeGreaterThanOrEqual(4);
    for (const block of curls) {
      const { stdout } = await run("bash", ["-euo", "pipefail", "-c", localize(block.code)]);
      expect(JSON.parse(stdout), name(block)).toMatchObject({ success: true });
    }
    // The PATCH block pointed the test merchant's webhooks at the README server's address.
    const merchant = await fetchJson(`${api.url}/api/v1/merchant`, {
      headers: { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET },
    });
    expect(merchant.body.data.webhook_url).toBe(`${serverUrl}/webhooks/paygate`);
  });

  it("every `js run` block exits 0 with @paygate/node from its tarball", async () => {
    const scripts = blocks.filter((block) => jsLoaders[block.lang] === "js" && block.flags.includes("run"));
    expect(scripts.length).toBeGreaterThan(0);
    for (const [index, block] of scripts.entries()) {
      writeFileSync(join(project.dir, `snippet-${index}.mjs`), localize(block.code));
      const { stdout } = await project.node(`snippet-${index}.mjs`, {
        PAYGATE_API_URL: api.url,
        PAYGATE_WEBHOOK_SECRET: webhookSecret,
      });
      expect(stdout, name(block)).toMatch(/order_\w+ created 49900/);
    }
  });

  it("the README's page + server: order, verified signature, order.paid webhook fulfils it", async () => {
    const [page] = blocks.filter((block) => block.file === "README.md" && block.flags.includes("page"));
    const [serverBlock] = blocks.filter((block) => block.file === "README.md" && block.flags.includes("server"));
    if (!page || !serverBlock) throw new Error("README.md needs one ```html page and one ```js server block");
    writeFileSync(join(project.dir, "index.html"), page.code);
    writeFileSync(join(project.dir, "server.mjs"), localize(serverBlock.code));
    server = spawn(process.execPath, ["server.mjs"], {
      cwd: project.dir,
      env: { ...process.env, PORT: String(serverPort), PAYGATE_API_URL: api.url, PAYGATE_WEBHOOK_SECRET: webhookSecret },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const home = await eventually(async () => {
      const response = await fetch(serverUrl).catch(() => undefined);
      return response?.ok ? response.text() : undefined;
    });
    expect(home).toContain("PaymentGateway.open");

    const created = await fetchJson(`${serverUrl}/orders`, { method: "POST" });
    expect(created.status).toBe(201);
    const orderId: string = created.body.id;
    const paid = await payLikeTheCheckout(orderId);
    const postResult = (body: unknown) =>
      fetchJson(`${serverUrl}/payment-result`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    expect(await postResult(paid)).toEqual({ status: 200, body: { ok: true } });
    expect(await postResult({ ...paid, signature: "0".repeat(64) })).toEqual({ status: 400, body: { ok: false } });

    // A genuinely signed payment of an order this server never created is refused too.
    const foreign = await fetchJson(`${api.url}/api/v1/orders`, {
      method: "POST",
      headers: { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" },
      body: JSON.stringify({ amount: 100 }),
    });
    expect(await postResult(await payLikeTheCheckout(foreign.body.data.id))).toEqual({ status: 400, body: { ok: false } });

    // The API delivered order.paid; the server verified it and fulfilled the order.
    await eventually(async () => {
      const { body } = await fetchJson(`${serverUrl}/orders/${orderId}`);
      return body.status === "paid" ? true : undefined;
    });
    const forged = await fetch(`${serverUrl}/webhooks/paygate`, {
      method: "POST",
      headers: {
        "webhook-id": "evt_forged",
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,AAAA",
      },
      body: JSON.stringify({ id: "evt_forged", type: "order.paid" }),
    });
    expect(forged.status).toBe(400);
    // A malformed body is a 500 for that request, not a crashed server.
    const malformed = await fetch(`${serverUrl}/payment-result`, { method: "POST", body: "not json" });
    expect(malformed.status).toBe(500);
    expect((await fetch(serverUrl)).status).toBe(200);
  });

  /** What the checkout iframe does: pay with the publishable key, then read the signed result. */
  async function payLikeTheCheckout(orderId: string) {
    const payment = await fetchJson(`${api.url}/api/v1/payments/public`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: TEST_KEY, order_id: orderId, method: "upi", vpa: "success@paygate" }),
    });
    expect(payment.status).toBe(201);
    return eventually(async () => {
      const { body } = await fetchJson(`${api.url}/api/v1/payments/${payment.body.data.id}/public?key=${TEST_KEY}`);
      const { id, order_id, status, signature } = body.data;
      return signature ? { payment_id: id, order_id, status, signature } : undefined;
    });
  }
});
