import type { CheckoutToSdkMessage, SdkToCheckoutMessage } from "@paygate/contracts";

/**
 * Hand-written guards mirroring `checkoutToSdkMessageSchema` in @paygate/contracts: zod would
 * blow the 2 KB budget of sdk.js. `messages.test.ts` checks both agree on the same samples.
 */
type Payload = Record<string, unknown>;
/** A plain object, as `z.object` wants (arrays are objects too, but not to zod). */
export const isObject = (value: unknown): value is Payload =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const hasStrings = (value: unknown, keys: string[]): value is Payload =>
  isObject(value) && keys.every((key) => typeof value[key] === "string");

/** `{ type, code, description }`: a failure's or an `error` message's payload. */
const isError = (value: unknown): boolean => hasStrings(value, ["type", "description"]) && Number.isSafeInteger(value.code);

// A switch, not a lookup table: `type` comes from another window, and "__proto__" or
// "constructor" must not find a prototype member.
function isPayloadValid(type: unknown, payload: unknown): boolean {
  switch (type) {
    case "ready":
    case "close":
      return payload === undefined || isObject(payload);
    case "payment.submitted":
      return hasStrings(payload, ["payment_id", "order_id"]);
    case "payment.succeeded":
      return hasStrings(payload, ["payment_id", "order_id", "status", "signature"]);
    case "payment.failed":
      return (
        hasStrings(payload, ["order_id"]) &&
        (payload.payment_id === undefined || typeof payload.payment_id === "string") &&
        isError(payload.error)
      );
    case "error":
      return isError(payload);
  }
  return false;
}

/** True when `data` is a version-1 checkout message on `channel`. */
export function isCheckoutMessage(data: unknown, channel?: string): data is CheckoutToSdkMessage {
  return (
    isObject(data) &&
    data.source === "paygate" &&
    data.version === 1 &&
    typeof data.channel === "string" &&
    /^[\s\S]{8,64}$/.test(data.channel) &&
    (channel === undefined || data.channel === channel) &&
    isPayloadValid(data.type, data.payload)
  );
}

export function initMessage(channel: string, payload: SdkToCheckoutMessage["payload"]): SdkToCheckoutMessage {
  return { source: "paygate", version: 1, channel, type: "init", payload };
}
