import type { z } from "zod";
import type { ServiceContext, TxContext } from "../context.js";

/** What a running job's handler gets (graphile-worker's `JobHelpers`, trimmed). */
export interface JobHelpers<Payload> {
  ctx: ServiceContext;
  payload: Payload;
  /** Aborted when the worker lost the job's lease (another worker may run it) or shuts down. */
  signal: AbortSignal;
  attempt: number;
}

/** A handler finishes its job, or asks to run again later (a webhook's next retry). */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler that simply finishes returns nothing
export type JobResult = void | { retryInMs: number };

export interface JobDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly type: Type;
  readonly payload: Schema;
  // Method syntax on purpose: a list of definitions of different payloads is then one type.
  handler(helpers: JobHelpers<z.output<Schema>>): Promise<JobResult>;
  /**
   * Runs in the transaction that marks the job failed after its last attempt, so what the job
   * was for (a payment, a refund) ends in a definite state instead of staying pending.
   */
  onExhausted?(helpers: { tx: TxContext; payload: z.output<Schema> }): Promise<void>;
}

/**
 * Declares a job type: its payload schema (parsed again when the job is claimed, since the row
 * is JSON) and its handler. The payload type of `enqueueJob` is inferred from it.
 * @example
 * export const processPaymentJob = defineJob("payment.process", z.object({ payment_id: z.string() }),
 *   ({ ctx, payload, signal }) => processPayment(ctx, payload.payment_id, signal));
 */
export function defineJob<Type extends string, Schema extends z.ZodType>(
  type: Type,
  payload: Schema,
  handler: (helpers: JobHelpers<z.output<Schema>>) => Promise<JobResult>,
  options: { onExhausted?: (helpers: { tx: TxContext; payload: z.output<Schema> }) => Promise<void> } = {},
): JobDefinition<Type, Schema> {
  return { type, payload, handler, ...(options.onExhausted ? { onExhausted: options.onExhausted } : {}) };
}
