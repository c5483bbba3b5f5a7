import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookEvent } from "@paygate/contracts";
import { verifyWebhook } from "../src/index.js";

export interface Received {
  webhookId: string;
  event: WebhookEvent;
}

export interface WebhookReceiver {
  url: string;
  /** Every verified delivery, retries included, in arrival order. */
  received: Received[];
  /** Deliveries that failed verification (should stay empty). */
  rejected: string[];
  close(): Promise<void>;
}

/**
 * A loopback endpoint that verifies each delivery with `verifyWebhook` and records it. The
 * secret is read per request because the API that knows it is started after the receiver.
 */
export async function startWebhookReceiver(secret: () => string): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const rejected: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        const event = verifyWebhook(Buffer.concat(chunks), req.headers, secret());
        received.push({ webhookId: String(req.headers["webhook-id"]), event });
        res.writeHead(204).end();
      } catch (error) {
        rejected.push(error instanceof Error ? error.message : String(error));
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    rejected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
