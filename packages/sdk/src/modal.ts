const ID = "paygate";

/**
 * The modal's styles, adopted only while it is open (which is also the scroll lock). A
 * constructed stylesheet, unlike a <style> tag or style attribute, is not blocked by a merchant
 * CSP without 'unsafe-inline', and still allows the media query, ::backdrop and keyframes.
 * The line continuations keep the rules on separate source lines but out of sdk.js.
 */
const CSS = `html{overflow:hidden}\
#${ID}{width:420px;height:640px;max-width:100%;max-height:100%;padding:0;border:0;border-radius:12px}\
#${ID}::backdrop{background:#0009}\
@media(max-width:479px){#${ID}{width:100%;height:100%;border-radius:0}}\
#${ID} iframe{width:100%;height:100%}\
#${ID} *{position:absolute;inset:0 0 auto auto;margin:auto;border:0}\
#${ID} progress{inset:0}\
#${ID} button{margin:6px;background:#fff;font-size:26px}`;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, parent: HTMLElement, props: Partial<HTMLElementTagNameMap[K]>) {
  return parent.appendChild(Object.assign(document.createElement(tag), props));
}

export interface Modal {
  iframe: HTMLIFrameElement;
  /** Swaps the spinner for the iframe and moves focus into it. */
  showCheckout(): void;
  destroy(): void;
}

/**
 * The overlay of SPEC §10: a native modal <dialog> (top layer, backdrop, the page behind made
 * inert so focus stays inside), ~420×640 and full screen below 480 px, a spinner until the
 * checkout is ready, and a close button. `onDismiss` runs for Escape and the button.
 */
export function createModal(src: string, onDismiss: () => void): Modal {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  const sheets = () => document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  document.adoptedStyleSheets = [...sheets(), sheet];
  const label = "Secure checkout";
  const dialog = element("dialog", document.body, { id: ID, ariaLabel: label });
  // Hidden (display:none still loads it) until the checkout says `ready`.
  const iframe = element("iframe", dialog, { title: label, allow: "payment", src, hidden: true });
  // An indeterminate <progress> is the platform's own animated, announced busy indicator.
  const spinner = element("progress", dialog, { ariaLabel: "Loading checkout" });
  element("button", dialog, { textContent: "×", ariaLabel: "Close checkout", onclick: onDismiss });
  // Escape while focus is on this page; inside the iframe the checkout forwards it as `close`.
  dialog.oncancel = (event) => {
    event.preventDefault();
    onDismiss();
  };
  dialog.showModal();
  return {
    iframe,
    showCheckout() {
      spinner.remove();
      iframe.hidden = false;
      iframe.focus();
    },
    destroy() {
      document.adoptedStyleSheets = sheets();
      dialog.remove();
    },
  };
}
