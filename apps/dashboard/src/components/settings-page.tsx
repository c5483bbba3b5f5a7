import type { Merchant, SecretRotationResult, WebhookSecretRotationResult } from "@paygate/contracts";
import { useState } from "preact/hooks";
import type { ApiClient, ApiError } from "../api-client.js";
import { ConfirmButton } from "./confirm-button.js";
import { ErrorMessage, SecretNotice } from "./feedback.js";
import { toApiError, useLoad } from "./use-load.js";
import { WebhookSecretReveal } from "./webhook-secret-reveal.js";

export function SettingsPage({ api }: { api: ApiClient }) {
  const merchant = useLoad(() => api.get<Merchant>("/merchant"), []);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [secret, setSecret] = useState<[string, string][] | null>(null);

  async function run(action: () => Promise<void>) {
    setError(null);
    setNotice("");
    try {
      await action();
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const webhookUrl = String(form.get("webhook_url") ?? "").trim();
    return run(async () => {
      // An empty field clears the URL (the API takes null for that).
      await api.patch<Merchant>("/merchant", { name: String(form.get("name") ?? ""), webhook_url: webhookUrl || null });
      setNotice("Settings saved.");
      merchant.reload();
    });
  };

  const m = merchant.data;
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <ErrorMessage error={error ?? merchant.error} />
      <p class="status-line" aria-live="polite">
        {notice}
      </p>
      {secret ? <SecretNotice title="New secret" values={secret} onDismiss={() => setSecret(null)} /> : null}
      {m ? (
        <>
          <form onSubmit={save} key={m.id}>
            <p>
              <label for="merchant-name">Business name</label>
              <input id="merchant-name" name="name" required maxLength={100} defaultValue={m.name} />
            </p>
            <p>
              <label for="webhook-url">Webhook URL</label>
              <input
                id="webhook-url"
                name="webhook_url"
                type="url"
                defaultValue={m.webhook_url ?? ""}
                aria-describedby="webhook-hint"
              />
              <small id="webhook-hint">Leave empty to stop deliveries; events are still recorded.</small>
            </p>
            <button type="submit">Save</button>
          </form>
          <h2>Keys</h2>
          <p>
            API key: <code>{m.api_key}</code>
          </p>
          <p>
            <WebhookSecretReveal api={api} onError={setError} />
          </p>
          <p class="actions">
            <ConfirmButton
              label="Rotate API secret"
              confirmLabel="Confirm: the old secret stops working"
              onConfirm={() =>
                run(async () => {
                  const data = await api.post<SecretRotationResult>("/merchant/keys/rotate");
                  setSecret([
                    ["API key", data.api_key],
                    ["API secret", data.api_secret],
                  ]);
                })
              }
            />
            <ConfirmButton
              label="Rotate webhook secret"
              confirmLabel="Confirm rotation"
              onConfirm={() =>
                run(async () => {
                  const data = await api.post<WebhookSecretRotationResult>("/merchant/webhook-secret/rotate");
                  setSecret([["Webhook secret", data.webhook_secret]]);
                })
              }
            />
          </p>
        </>
      ) : null}
    </section>
  );
}
