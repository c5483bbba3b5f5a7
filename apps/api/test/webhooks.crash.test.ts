import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestApi, type TestApi, usingPostgres } from "./helpers.js";
import { getJson, pay, type Receiver, setWebhookUrl, startReceiver, verifyHit } from "./webhooks-receiver.js";

/**
 * A delivery worker dies (SIGKILL) while its request is in flight; another worker delivers the
 * event again, with the same webhook-id. It needs real worker processes sharing the database,
 * so it runs on Postgres only: PGlite lives inside one process and cannot be shared.
 */
const apiRoot = fileURLToPath(new URL("..", import.meta.url));
const LEASE_MS = 1000;

let api: TestApi;
let receiver: Receiver;
const children = new Set<ChildProcess>();

/**
 * `tsx src/worker-main.ts`, but as one process: the `tsx` CLI runs the script in a grandchild,
 * which a SIGKILL to the CLI would leave running.
 */
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/worker-main.ts"], {
    cwd: apiRoot,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: api.config.databaseUrl,
      TEST_MODE: "true",
      TEST_PROCESSING_DELAY: "0",
      WEBHOOK_RETRY_INTERVALS_TEST: "true",
      JOB_LEASE_MS: String(LEASE_MS),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

function exited(child: ChildProcess) {
  return new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );
}

beforeAll(async () => {
  if (!usingPostgres) return;
  // No in-process workers: only the child processes deliver.
  [api, receiver] = await Promise.all([startTestApi({}, { startWorkers: false }), startReceiver()]);
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all([...children].map(exited));
  await receiver?.close();
  await api?.close();
});

describe("a delivery worker killed mid-delivery", () => {
  it.skipIf(!usingPostgres)(
    "is redelivered by another worker with the same webhook-id, and no event is lost",
    async () => {
      const merchant = await api.registerMerchant();
      let heldId: string | undefined;
      // The first request is held open, never answered: its worker is killed while waiting.
      receiver.on("/crash", (hit) => {
        if (heldId === undefined) heldId = hit.webhookId;
        return hit.webhookId === heldId && hit.nth === 1 ? "hold" : { status: 200 };
      });
      await setWebhookUrl(api, merchant, receiver.url("/crash"));
      await pay(api, merchant); // three events: payment.authorized, payment.captured, order.paid

      const doomed = startWorker();
      const held = await receiver.next("/crash", 30_000);
      expect(held.webhookId).toBe(heldId);
      doomed.kill("SIGKILL");
      await exited(doomed);
      expect(doomed.signalCode).toBe("SIGKILL");
      expect(() => process.kill(doomed.pid ?? -1, 0)).toThrow(); // gone, not orphaned

      startWorker();
      const redelivered = await eventually(
        async () => receiver.hits("/crash").find((hit) => hit.webhookId === heldId && hit.nth === 2),
        30_000,
      );
      expect(redelivered.body).toBe(held.body);
      verifyHit(redelivered, merchant.webhook_secret);

      const deliveries = await eventually(async () => {
        const { body } = await getJson(api, merchant, "/api/v1/webhooks?limit=100");
        const items = body.data.items as { event_id: string; event: string; status: string }[];
        return items.length === 3 && items.every((item) => item.status === "success") ? items : undefined;
      }, 30_000);
      expect(deliveries.map((item) => item.event).sort()).toEqual(["order.paid", "payment.authorized", "payment.captured"]);
      const receivedIds = new Set(receiver.hits("/crash").map((hit) => hit.webhookId));
      for (const delivery of deliveries) expect(receivedIds.has(delivery.event_id)).toBe(true);
    },
    90_000,
  );
});
