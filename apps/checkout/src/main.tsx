import { render } from "preact";
import { createApiClient } from "./api-client.js";
import { createBridge } from "./bridge.js";
import { App } from "./components/app.js";
import { readApiUrl, readParams } from "./config.js";
import "./styles.css";

const params = readParams(location.search, document);
const root = document.getElementById("app") as HTMLElement;
// The hosted pages route by path; loaded on demand so the modal's initial JS stays as it was.
const linkId = /^\/l\/([^/]+)$/.exec(location.pathname)?.[1];
const invoiceId = /^\/i\/([^/]+)$/.exec(location.pathname)?.[1];

if (linkId) {
  import("./hosted/link-page.js").then(
    ({ mountLinkPage }) => mountLinkPage(root, linkId, readApiUrl(document)),
    () => {
      root.textContent = "This page could not be loaded. Check your connection and reload.";
    },
  );
} else if (invoiceId) {
  import("./hosted/invoice-page.js").then(
    ({ mountInvoicePage }) => mountInvoicePage(root, invoiceId, readApiUrl(document)),
    () => {
      root.textContent = "This page could not be loaded. Check your connection and reload.";
    },
  );
} else if ("error" in params) {
  render(
    <main class="checkout">
      <p class="load-error" role="alert">
        {params.error}
      </p>
    </main>,
    root,
  );
} else {
  const api = createApiClient(params.apiUrl, params.key);
  render(<App orderId={params.orderId} api={api} bridge={createBridge(params.parent)} />, root);
}
