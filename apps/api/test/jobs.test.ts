import type { Payment } from "@paygate/contracts";
import { and, count, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { events, idempotencyKeys, jobs, payments, refunds } from "../src/db/schema/index.js";
import { createRuntime, type Runtime } from "../src/index.js";
import { createSimulator } from "../src/processor/simulator.js";
import { type ServiceContext, withTransaction } from "../src/services/context.js";
import { recordEvent } from "../src/services/events/record-event.js";
import { enqueueJob } from "../src/services/jobs/queue.js";
import { eventually, keyAuth, startTestApi, type TestApi } from "./helpers.js";
import { capturedPayment, createOrder, createPayment, settledPayment } from "./payment-helpers.js";

const card = { number: "4242424242424242", expiry: "12/34", cvv: "123" };
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

async function start(env: Record<string, string>, options: Parameters<typeof startTestApi>[1] = {}) {
  const api = await startTestApi(env, options);
  opened.push(api);
  return api;
}

/** A second worker pool on the same database, as another process would be. */
async function secondPool(api: TestApi): Promise<Runtime> {
  const runtime = await createRuntime(api.config, { database: api.runtime.database, startWorkers: true });
  opened.push(runtime);
  return runtime;
}

const jobsOf = (api: TestApi, type: string) => api.runtime.database.db.select().from(jobs).where(eq(jobs.type, type));

describe("job typing", () => {
  it("payloads are typed by job type; the outbox and the queue take only a transaction (checked by tsc)", () => {
    // Never called: `pnpm typecheck` fails if any @ts-expect-error below stops being an error.
    const checks = (ctx: ServiceContext, payment: Payment) => {
      void withTransaction(ctx, async (tx) => {
        await enqueueJob(tx, "payment.process", { payment_id: "pay_1" });
        // @ts-expect-error a refund job carries a refund_id
        await enqueueJob(tx, "refund.process", { payment_id: "pay_1" });
        // @ts-expect-error no such job type
        await enqueueJob(tx, "payment.teleport", {});
      });
      // @ts-expect-error outside a transaction a job could be queued for a change that rolls back
      void enqueueJob(ctx, "payment.process", { payment_id: "pay_1" });
      // @ts-expect-error the same holds for the outbox
      void recordEvent(ctx, "mer_1", "payment.failed", { payment });
      void withTransaction(ctx, (tx) => recordEvent(tx, "mer_1", "payment.failed", { payment }));
    };
    expect(checks).toBeTypeOf("function");
  });
});

describe("job leases", () => {
  it("a handler slower than the lease keeps its job: claimed once, by one worker", async () => {
    // Lease 1 s, acquirer 3.5 s: without the heartbeat the lease runs out mid-call and a
    // second pool (or this one) claims the job again.
    const api = await start({ JOB_LEASE_MS: "1000", SIMULATED_ACQUIRER_LATENCY_MS: "3500" });
    await secondPool(api);
    const merchant = await api.registerMerchant();
    const order = await createOrder(api, merchant);
    const { data } = await (await createPayment(api, merchant, { order_id: order.id, method: "card", card })).json();
    await settledPayment(api, merchant, data.id, "captured");
    const [job] = await jobsOf(api, "payment.process");
    expect(job).toMatchObject({ status: "completed", attempts: 1 });
    const [authorized] = await api.runtime.database.db
      .select({ n: count() })
      .from(events)
      .where(eq(events.type, "payment.authorized"));
    expect(authorized?.n).toBe(1);
  });
});

describe("exhausted attempts", () => {
  const unreachable = () => {
    const simulator = createSimulator({ testMode: true, delayMs: 0 });
    return {
      ...simulator,
      authorize: async () => {
        throw new Error("acquirer unreachable");
      },
      refund: async () => {
        throw new Error("acquirer unreachable");
      },
    };
  };

  it("a payment whose job runs out of attempts fails with processing_error and its payment.failed event", async () => {
    const api = await start({}, { startWorkers: false, processor: unreachable() });
    const merchant = await api.registerMerchant();
    const order = await createOrder(api, merchant);
    const { data } = await (await createPayment(api, merchant, { order_id: order.id, method: "card", card })).json();
    await api.runtime.database.db.update(jobs).set({ maxAttempts: 2 }).where(eq(jobs.type, "payment.process"));
    await api.runtime.workers.start();
    const failed = await settledPayment(api, merchant, data.id, "failed");
    expect(failed).toMatchObject({ error_code: "processing_error" });
    const [job] = await jobsOf(api, "payment.process");
    expect(job).toMatchObject({ status: "failed", attempts: 2 });
    expect(job?.lastError).toMatch(/acquirer unreachable[\s\S]*at /); // with its stack
    const failedEvents = await api.runtime.database.db
      .select()
      .from(events)
      .where(and(eq(events.type, "payment.failed"), eq(events.merchantId, merchant.merchant_id)));
    expect(failedEvents).toHaveLength(1);
  });

  it("a refund whose job runs out of attempts fails with its refund.failed event", async () => {
    const simulator = createSimulator({ testMode: true, delayMs: 0 });
    let refundsDown = false;
    const api = await start(
      {},
      {
        processor: {
          ...simulator,
          refund: async (input) => {
            if (refundsDown) throw new Error("acquirer unreachable");
            return simulator.refund(input);
          },
        },
      },
    );
    const merchant = await api.registerMerchant();
    const { payment } = await capturedPayment(api, merchant);
    refundsDown = true;
    await api.runtime.workers.stop();
    const response = await api.request(`/api/v1/payments/${payment.id}/refunds`, {
      method: "POST",
      auth: keyAuth(merchant),
      json: {},
    });
    const refund = (await response.json()).data;
    await api.runtime.database.db.update(jobs).set({ maxAttempts: 1 }).where(eq(jobs.type, "refund.process"));
    await api.runtime.workers.start();
    const row = await eventually(async () => {
      const [current] = await api.runtime.database.db.select().from(refunds).where(eq(refunds.id, refund.id));
      return current?.status === "pending" ? undefined : current;
    });
    expect(row?.status).toBe("failed");
    const [failedEvent] = await api.runtime.database.db.select().from(events).where(eq(events.type, "refund.failed"));
    expect(failedEvent?.merchantId).toBe(merchant.merchant_id);
    const [charged] = await api.runtime.database.db.select().from(payments).where(eq(payments.id, payment.id));
    expect(charged?.status).toBe("captured");
  });
});

describe("maintenance", () => {
  it("runs once per due time across two pools, as a job of its own", async () => {
    const api = await start({ MAINTENANCE_INTERVAL_MS: "300" });
    await secondPool(api);
    const db = api.runtime.database.db;
    const old = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    await db
      .insert(idempotencyKeys)
      .values({ scope: "s", key: "expired", method: "POST", path: "/x", requestHash: "h", createdAt: old });
    const runs = await eventually(async () => {
      const done = (await jobsOf(api, "maintenance")).filter((job) => job.status === "completed");
      return done.length >= 4 ? done : undefined;
    });
    const dueTimes = runs.map((job) => job.runAt.getTime());
    expect(new Set(dueTimes).size).toBe(dueTimes.length);
    expect(dueTimes.every((time) => time % 300 === 0)).toBe(true);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "expired"))).toHaveLength(0);
  });
});
