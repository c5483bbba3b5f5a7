import { z } from "zod";

/** `/test/*` (TEST_MODE only). */

export const testMerchantSchema = z.object({
  email: z.string(),
  api_key: z.string(),
  api_secret: z.string(),
  webhook_secret: z.string(),
});
export type TestMerchant = z.infer<typeof testMerchantSchema>;

export const workerStatusSchema = z.enum(["running", "stopped"]);
export type WorkerStatus = z.infer<typeof workerStatusSchema>;

export const jobQueueStatusSchema = z.object({
  pending: z.number().describe("due now, waiting for a worker"),
  scheduled: z.number().describe("pending, but due later (expiries, webhook retries)"),
  processing: z.number(),
  completed: z.number(),
  failed: z.number(),
  worker_status: workerStatusSchema,
});
export type JobQueueStatus = z.infer<typeof jobQueueStatusSchema>;
