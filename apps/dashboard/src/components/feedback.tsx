import type { ApiError } from "../api-client.js";

/**
 * A live region that is always in the page, so screen readers announce an error when it
 * appears (a region inserted together with its text is often not read).
 */
export function ErrorMessage({ error }: { error: ApiError | string | null }) {
  const text = typeof error === "string" ? error : error?.message;
  return (
    <p class={text ? "error" : "error empty"} role="alert" aria-live="assertive">
      {text ?? ""}
      {typeof error === "object" && error?.requestId ? <span class="muted"> (request {error.requestId})</span> : null}
    </p>
  );
}

const TONES: Record<string, string> = {
  paid: "good",
  captured: "good",
  success: "good",
  processed: "good",
  authorized: "info",
  attempted: "info",
  requires_action: "info",
  pending: "info",
  created: "neutral",
  refunded: "warn",
  cancelled: "neutral",
  failed: "bad",
};

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge ${TONES[status] ?? "neutral"}`}>{status.replace(/_/g, " ")}</span>;
}

/** Secrets the API shows once (sign-up, rotation): the user must copy them now. */
export function SecretNotice({ title, values, onDismiss }: { title: string; values: [string, string][]; onDismiss(): void }) {
  return (
    <section class="notice" aria-labelledby="secret-title">
      <h2 id="secret-title">{title}</h2>
      <p>Copy these now and store them safely: they are shown only once.</p>
      <dl>
        {values.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <code data-testid={label}>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onDismiss}>
        I have saved them
      </button>
    </section>
  );
}
