import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, jobs, ledgerEntries, ledgerLines, orders, payments } from "../src/db/schema/index.js";
import { eventually, type MerchantCredentials, startTestApi, type TestApi, usingPostgres } from "./helpers.js";
import { createOrder, createPayment } from "./payment-helpers.js";

const apiRoot = fileURLToPath(new URL("..", import.meta.url));

/** A worker in its own process (`pnpm worker`), as in production with DATABASE_URL. */
function spawnWorker(databaseUrl: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/worker-main.ts"], {
    cwd: apiRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, TEST_MODE: "true", LOG_LEVEL: "error", TEST_PROCESSING_DELAY: "0", ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

// PGlite is an in-process database: no second process can share it, so a separate worker
// process (and killing one) only exists with Postgres. CI runs this file with TEST_DATABASE_URL.
describe.skipIf(!usingPostgres)("a worker killed after the acquirer said yes, before the state was written", () => {
  let api: TestApi;
  let merchant: MerchantCredentials;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The API process runs no workers: separate worker processes do all the processing.
    api = await startTestApi({ JOB_LEASE_MS: "2000" }, { startWorkers: false });
    merchant = await api.registerMerchant();
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await api?.close();
  });

  it("another worker completes it after the lease: one capture, one payment.captured, one ledger entry set, even if the job runs again", async () => {
    const databaseUrl = api.config.databaseUrl as string;
    const db = api.runtime.database.db;
    const order = await createOrder(api, merchant, 5126);
    const { data: payment } = await (
      await createPayment(api, merchant, {
        order_id: order.id,
        method: "card",
        card: { number: "4242424242424242", expiry: "12/34", cvv: "123" },
      })
    ).json();

    // The simulator decides, then its answer takes a minute to come back: kill the worker then.
    const first = spawnWorker(databaseUrl, { JOB_LEASE_MS: "2000", SIMULATED_ACQUIRER_LATENCY_MS: "60000" });
    children.push(first);
    const claimed = await eventually(async () => {
      const [job] = await db.select().from(jobs).where(eq(jobs.type, "payment.process"));
      return job?.status === "processing" ? job : undefined;
    }, 30_000);
    expect(claimed.lockedBy).toMatch(/^wrk_/);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    expect((await db.select().from(payments).where(eq(payments.id, payment.id)))[0]?.status).toBe("pending");

    // Worker 2 picks the job up once the dead worker's lease runs out. The job is marked done
    // just after the payment's transaction commits: wait for that.
    const second = spawnWorker(databaseUrl, { JOB_LEASE_MS: "2000" });
    children.push(second);
    const done = await eventually(async () => {
      const [job] = await db.select().from(jobs).where(eq(jobs.type, "payment.process"));
      return job?.status === "completed" ? job : undefined;
    }, 30_000);
    expect(done.attempts).toBe(2);
    expect(done.lockedBy).not.toBe(claimed.lockedBy);

    // The same job delivered once more (a worker that died after its commit, before marking the
    // job done): the status guards make it a no-op.
    await db.update(jobs).set({ status: "pending", lockedBy: null }).where(eq(jobs.type, "payment.process"));
    await eventually(async () => {
      const [job] = await db
        .select()
        .from(jobs)
        .where(and(eq(jobs.type, "payment.process"), eq(jobs.status, "completed")));
      return job;
    }, 30_000);

    const rows = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(rows.map((row) => [row.status, row.captured])).toEqual([["captured", true]]);
    const [orderRow] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(orderRow).toMatchObject({ status: "paid", amountPaid: 5126 });
    const types = (await db.select().from(events).where(eq(events.merchantId, merchant.merchant_id)))
      .map((event) => event.type)
      .sort();
    expect(types).toEqual(["order.paid", "payment.authorized", "payment.captured"]);
    // One ledger entry set: a single capture entry (gross, net, fee in three lines), not two.
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, payment.id));
    expect(entries.map((entry) => [entry.type, entry.amount, entry.fee, entry.net])).toEqual([["payment", 5126, 103, 5023]]);
    expect(
      await db
        .select()
        .from(ledgerLines)
        .where(eq(ledgerLines.entryId, entries[0]?.id ?? "")),
    ).toHaveLength(3);
    second.kill("SIGTERM");
  });
});
