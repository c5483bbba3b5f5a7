import { initMessage, isCheckoutMessage } from "./messages.js";
import { createModal } from "./modal.js";
import type { CheckoutHandle, CheckoutOptions, PaymentResult, PaymentSuccess } from "./options.js";
import { validateOptions } from "./options.js";

/** The one open checkout: SPEC §10 allows one per page, so opening another closes it. */
let current: CheckoutHandle | undefined;

/**
 * Opens the checkout for one order in a modal iframe.
 * @param defaultCheckoutUrl where sdk.js was loaded from; `options.checkoutUrl` wins.
 * @example const { result } = openCheckout({ key: "key_test_abc123", orderId }, "https://checkout.example.com/");
 */
export function openCheckout(options: CheckoutOptions, defaultCheckoutUrl?: string): CheckoutHandle {
  // Typed for TypeScript callers, checked for everyone else (script-tag users get no compiler).
  const src = validateOptions(options, defaultCheckoutUrl);
  current?.close();

  const checkoutOrigin = src.origin;
  // 128 random bits; getRandomValues (unlike randomUUID) also works on plain-http merchant pages.
  const channel = `pg${crypto.getRandomValues(new Uint32Array(4)).join("-")}`;
  src.search = `${new URLSearchParams({ order_id: options.orderId, key: options.key, origin: location.origin, channel })}`;
  let settle!: (result: PaymentResult) => void;
  const result = new Promise<PaymentResult>((resolve) => {
    settle = resolve;
  });
  const opener = document.activeElement as HTMLElement | null;
  let processing = false;
  let succeeded = false;
  let closed = false;

  // An EventTarget runs every listener even when one throws (the error is still reported), so
  // a merchant callback cannot break the modal's own bookkeeping.
  const events = new EventTarget();
  const on: CheckoutHandle["on"] = (event, listener) => {
    const wrapped = (e: Event) => listener((e as CustomEvent).detail);
    events.addEventListener(event, wrapped);
    return () => events.removeEventListener(event, wrapped);
  };
  const emit = (type: string, detail?: unknown) => events.dispatchEvent(new CustomEvent(type, { detail }));
  on("payment.succeeded", (payment) => options.onSuccess?.(payment));
  on("payment.failed", (failure) => options.onFailure?.(failure));
  // The checkout cannot take a payment: tell the developer in the console, and onFailure too.
  on("error", (error) => {
    console.error("PayGate:", error.description);
    options.onFailure?.({ order_id: options.orderId, error });
  });
  on("closed", () => succeeded || options.onClose?.());

  const dismiss = () => {
    if (!processing || confirm("A payment is processing. Close anyway?")) handle.close();
  };
  const modal = createModal(src.href, dismiss);

  const onMessage = ({ origin, source, data }: MessageEvent) => {
    // The three checks of SPEC §10: the checkout's origin, our own iframe (not another window
    // of that origin), and this checkout's channel (inside isCheckoutMessage).
    if (origin !== checkoutOrigin || source !== modal.iframe.contentWindow || !isCheckoutMessage(data, channel)) return;
    const { type, payload } = data;
    if (type === "close") return dismiss();
    // A payment is in flight from payment.submitted until payment.failed or .succeeded.
    processing = type === "payment.submitted";
    if (type === "ready") {
      modal.showCheckout();
      const { name, description, prefill, theme } = options;
      // `source` is the iframe's window (checked above).
      (source as Window).postMessage(initMessage(channel, { name, description, prefill, theme }), checkoutOrigin);
    }
    if (type === "payment.succeeded") {
      succeeded = true;
      settle(payload as PaymentSuccess);
    }
    emit(type, payload);
  };
  addEventListener("message", onMessage);

  const handle: CheckoutHandle = {
    close() {
      if (closed) return;
      closed = true;
      removeEventListener("message", onMessage);
      modal.destroy();
      opener?.focus();
      settle(null);
      emit("closed");
    },
    on,
    result,
  };
  current = handle;
  return handle;
}
