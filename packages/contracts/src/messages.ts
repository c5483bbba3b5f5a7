import { z } from "zod";

/**
 * The SDK <-> checkout postMessage protocol (SPEC §10), version 1.
 * Every message is `{ source: "paygate", version: 1, channel, type, payload }`.
 */
export const PROTOCOL_VERSION = 1;

const envelope = {
  source: z.literal("paygate"),
  version: z.literal(PROTOCOL_VERSION),
  channel: z.string().min(8).max(64),
};

const errorPayload = z.object({ type: z.string(), code: z.number().int(), description: z.string() });

export const checkoutToSdkMessageSchema = z.discriminatedUnion("type", [
  z.object({ ...envelope, type: z.literal("ready"), payload: z.object({}).optional() }),
  z.object({
    ...envelope,
    type: z.literal("payment.submitted"),
    payload: z.object({ payment_id: z.string(), order_id: z.string() }),
  }),
  z.object({
    ...envelope,
    type: z.literal("payment.succeeded"),
    payload: z.object({ payment_id: z.string(), order_id: z.string(), status: z.string(), signature: z.string() }),
  }),
  z.object({
    ...envelope,
    type: z.literal("payment.failed"),
    payload: z.object({ payment_id: z.string().optional(), order_id: z.string(), error: errorPayload }),
  }),
  // The checkout cannot take a payment (unknown key or order, order paid or cancelled, API
  // unreachable): `description` names the cause for the developer; the shopper sees plain words.
  z.object({ ...envelope, type: z.literal("error"), payload: errorPayload }),
  // The shopper asked to close from inside the frame (Escape). Whether a payment is in flight is
  // known to the SDK from payment.submitted … payment.succeeded/failed, so no payload is needed.
  z.object({ ...envelope, type: z.literal("close"), payload: z.object({}).optional() }),
]);
export type CheckoutToSdkMessage = z.infer<typeof checkoutToSdkMessageSchema>;

export const initPayloadSchema = z.object({
  name: z.string().max(100).optional(),
  description: z.string().max(255).optional(),
  prefill: z
    .object({
      name: z.string().max(100).optional(),
      email: z.string().max(254).optional(),
      contact: z.string().max(20).optional(),
    })
    .optional(),
  theme: z
    .object({
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{3,8}$/)
        .optional(),
    })
    .optional(),
});
export type InitPayload = z.infer<typeof initPayloadSchema>;

export const sdkToCheckoutMessageSchema = z.discriminatedUnion("type", [
  z.object({ ...envelope, type: z.literal("init"), payload: initPayloadSchema }),
]);
export type SdkToCheckoutMessage = z.infer<typeof sdkToCheckoutMessageSchema>;
