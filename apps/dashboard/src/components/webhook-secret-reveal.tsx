import type { WebhookSecret } from "@paygate/contracts";
import { useState } from "preact/hooks";
import type { ApiClient, ApiError } from "../api-client.js";
import { ConfirmButton } from "./confirm-button.js";
import { toApiError } from "./use-load.js";

/**
 * Shows the current webhook secret after a confirmation (it signs every delivery to the default
 * URL, so it is not on screen by default), with a copy button. Reading it does not change it,
 * unlike a rotation, which would break the receivers configured with the old one.
 */
export function WebhookSecretReveal({ api, onError }: { api: ApiClient; onError(error: ApiError | null): void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  if (!secret) {
    return (
      <ConfirmButton
        label="Reveal webhook secret"
        confirmLabel="Confirm: show the secret on screen"
        onConfirm={async () => {
          onError(null);
          try {
            setSecret((await api.get<WebhookSecret>("/merchant/webhook-secret")).webhook_secret);
          } catch (caught) {
            onError(toApiError(caught));
          }
        }}
      />
    );
  }
  return (
    <span class="revealed-secret">
      <label for="webhook-secret-value">Webhook secret</label>
      <input id="webhook-secret-value" readOnly value={secret} size={Math.min(secret.length, 60)} />
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
        }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
      <button
        type="button"
        onClick={() => {
          setSecret(null);
          setCopied(false);
        }}
      >
        Hide
      </button>
    </span>
  );
}
