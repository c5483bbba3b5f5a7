import type { CheckoutToSdkMessage, InitPayload } from "@paygate/contracts";
import { readInitMessage } from "./init-message.js";

type MessageType = CheckoutToSdkMessage["type"];
type PayloadOf<T extends MessageType> = Extract<CheckoutToSdkMessage, { type: T }>["payload"];

export interface Bridge {
  /** Whether a merchant page (through the SDK) is listening. */
  embedded: boolean;
  send<T extends MessageType>(type: T, ...payload: undefined extends PayloadOf<T> ? [PayloadOf<T>?] : [PayloadOf<T>]): void;
  /** Calls `listener` with each valid `init` from the parent; returns the unsubscribe function. */
  onInit(listener: (payload: InitPayload) => void): () => void;
}

/**
 * The checkout's side of the SPEC §10 protocol: it posts only to the origin the SDK named (so a
 * page that framed us under a false `origin` hears nothing), and accepts a message only from
 * `window.parent`, from that origin, on that channel.
 */
export function createBridge(parent: { origin: string; channel: string } | null, win: Window = window): Bridge {
  const target = win.parent !== win ? parent : null;
  return {
    embedded: target !== null,
    send(type, ...[payload]) {
      if (target)
        win.parent.postMessage({ source: "paygate", version: 1, channel: target.channel, type, payload }, target.origin);
    },
    onInit(listener) {
      const onMessage = (event: MessageEvent) => {
        if (!target || event.source !== win.parent || event.origin !== target.origin) return;
        const payload = readInitMessage(event.data, target.channel);
        if (payload) listener(payload);
      };
      win.addEventListener("message", onMessage);
      return () => win.removeEventListener("message", onMessage);
    },
  };
}
