import { render } from "preact";
import { createApiClient } from "./api-client.js";
import { createBridge } from "./bridge.js";
import { App } from "./components/app.js";
import { readParams } from "./config.js";
import "./styles.css";

const params = readParams(location.search, document);
const root = document.getElementById("app") as HTMLElement;

if ("error" in params) {
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
