import { openCheckout } from "./open.js";
import type { CheckoutHandle, CheckoutOptions } from "./options.js";

declare const __SDK_VERSION__: string;
declare global {
  interface Window {
    PaymentGateway: { version: string; open(options: CheckoutOptions): CheckoutHandle };
  }
}

// Read while the <script src=".../sdk.js"> is executing: afterwards `currentScript` is null.
// The checkout page is served beside sdk.js, so its URL is the script's directory.
const script = document.currentScript as HTMLScriptElement | null;
const defaultCheckoutUrl = script?.src ? new URL("./", script.src).href : undefined;

window.PaymentGateway = {
  version: __SDK_VERSION__,
  open: (options) => openCheckout(options, defaultCheckoutUrl),
};
