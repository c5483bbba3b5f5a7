import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import { events, jobs } from "../src/db/schema/index.js";
import { eventually, TEST_KEY, TEST_SECRET } from "./helpers.js";

const apiRoot = fileURLToPath(new URL("..", import.meta.url));
const auth = { "X-Api-Key": TEST_KEY, "X-Api-Secret": TEST_SECRET, "Content-Type": "application/json" };

/** The API with in-process workers on a persisted PGlite, as `pnpm dev` runs it. Resolves its URL. */
function startApiProcess(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: apiRoot,
    env: {
      ...process.env,
      PORT: "0",
      PGLITE_DIR: dataDir,
      TEST_MODE: "true",
      TEST_PROCESSING_DELAY: "0",
      LOG_LEVEL: "info",
      DATABASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(/"url":"(http:\/\/localhost:\d+)"/);
      if (match) resolve({ child, url: match[1] as string });
    });
    child.once("exit", (code) => reject(new Error(`api exited with ${code}`)));
  });
}

// With PGlite the database lives inside the API process, so "killing the worker" kills the
// database too: this proves a SIGKILL mid-job loses nothing and the job is redone exactly once
// when the process (and its embedded database) comes back.
describe("the embedded-database API killed mid-job", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "paygate-kill-"));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("completes the payment exactly once after a restart", async () => {
    const first = await startApiProcess(dataDir, { JOB_LEASE_MS: "1000", SIMULATED_ACQUIRER_LATENCY_MS: "60000" });
    children.push(first.child);
    const order = (
      await (await fetch(`${first.url}/api/v1/orders`, { method: "POST", headers: auth, body: '{"amount":2500}' })).json()
    ).data;
    const payment = (
      await (
        await fetch(`${first.url}/api/v1/payments`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ order_id: order.id, method: "upi", vpa: "success@paygate" }),
        })
      ).json()
    ).data;
    await eventually(async () => {
      const { data } = await (await fetch(`${first.url}/api/v1/test/jobs/status`)).json();
      return data.processing === 1 ? true : undefined;
    });
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));

    const second = await startApiProcess(dataDir, { JOB_LEASE_MS: "1000" });
    children.push(second.child);
    const done = await eventually(async () => {
      const { data } = await (await fetch(`${second.url}/api/v1/payments/${payment.id}`, { headers: auth })).json();
      return data.status === "captured" ? data : undefined;
    }, 30_000);
    expect(done.captured).toBe(true);
    const { data: paidOrder } = await (await fetch(`${second.url}/api/v1/orders/${order.id}`, { headers: auth })).json();
    expect(paidOrder).toMatchObject({ status: "paid", amount_paid: 2500 });
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));

    const database = await openDatabase({ dataDir });
    try {
      const [job] = await database.db.select().from(jobs).where(eq(jobs.type, "payment.process"));
      expect(job).toMatchObject({ status: "completed", attempts: 2 });
      const types = (await database.db.select().from(events)).map((event) => event.type).sort();
      expect(types).toEqual(["order.paid", "payment.authorized", "payment.captured"]);
    } finally {
      await database.close();
    }
  });
});
