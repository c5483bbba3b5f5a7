import type { InitPayload, SdkToCheckoutMessage } from "@paygate/contracts";

/**
 * Hand-written mirror of `sdkToCheckoutMessageSchema` (zod would cost most of the page's JS
 * budget); init-message.test.ts checks both agree on the same samples.
 */
type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number) => typeof value === "string" && value.length <= max;
const COLOR = /^#[0-9a-fA-F]{3,8}$/;
const TOP_LIMITS = { name: 100, description: 255 };
const PREFILL_LIMITS = { name: 100, email: 254, contact: 20 };

/** The string fields of `source` named in `limits` that are within their limit. */
function keepTexts(source: Fields, limits: Record<string, number>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, max] of Object.entries(limits)) if (isText(source[key], max)) kept[key] = source[key] as string;
  return kept;
}

/**
 * The valid parts of an init payload: one over-long field (the SDK checks types, not lengths)
 * must not throw away the prefill and theme too.
 */
export function salvageInitPayload(payload: Fields): InitPayload {
  const kept: InitPayload = keepTexts(payload, TOP_LIMITS);
  if (isObject(payload.prefill)) kept.prefill = keepTexts(payload.prefill, PREFILL_LIMITS);
  const color = isObject(payload.theme) ? payload.theme.color : undefined;
  if (typeof color === "string" && COLOR.test(color)) kept.theme = { color };
  return kept;
}

/** True when `payload` passes `initPayloadSchema` as it is. */
function isExactPayload(payload: unknown): boolean {
  if (!isObject(payload)) return false;
  const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
  const textsOk = (source: Fields, limits: Record<string, number>) =>
    Object.entries(limits).every(([key, max]) => optional(source[key], (value) => isText(value, max)));
  return (
    textsOk(payload, TOP_LIMITS) &&
    optional(payload.prefill, (prefill) => isObject(prefill) && textsOk(prefill, PREFILL_LIMITS)) &&
    optional(
      payload.theme,
      (theme) => isObject(theme) && optional(theme.color, (color) => typeof color === "string" && COLOR.test(color)),
    )
  );
}

/** True when `data` is a valid version-1 `init` message (on `channel`, when given). */
export function isInitMessage(data: unknown, channel?: string): data is SdkToCheckoutMessage {
  return hasInitEnvelope(data, channel) && isExactPayload(data.payload);
}

function hasInitEnvelope(data: unknown, channel?: string): data is Fields {
  return (
    isObject(data) &&
    data.source === "paygate" &&
    data.version === 1 &&
    typeof data.channel === "string" &&
    data.channel.length >= 8 &&
    data.channel.length <= 64 &&
    (channel === undefined || data.channel === channel) &&
    data.type === "init" &&
    isObject(data.payload)
  );
}

/** The payload of an `init` on `channel` (its valid parts), or null for anything else. */
export function readInitMessage(data: unknown, channel: string): InitPayload | null {
  return hasInitEnvelope(data, channel) ? salvageInitPayload(data.payload as Fields) : null;
}
