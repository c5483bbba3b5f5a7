import type { ListPage, WebhookDelivery, WebhookDeliveryDetail } from "@paygate/contracts";
import { deliveryStatuses } from "@paygate/contracts/enums";
import { useState } from "preact/hooks";
import type { ApiClient, ApiError } from "../api-client.js";
import { formatDate } from "../format.js";
import { ErrorMessage, StatusBadge } from "./feedback.js";
import { PAGE_SIZE, Pager, StatusFilter } from "./pager.js";
import { toApiError, useLoad } from "./use-load.js";

export function WebhooksPage({ api }: { api: ApiClient }) {
  const [status, setStatus] = useState("");
  const [offset, setOffset] = useState(0);
  const deliveries = useLoad(
    () => api.get<ListPage<WebhookDelivery>>("/webhooks", { status, limit: PAGE_SIZE, offset }),
    [status, offset],
  );
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      <StatusFilter
        id="webhook-status"
        value={status}
        options={deliveryStatuses}
        onChange={(value) => {
          setStatus(value);
          setOffset(0);
        }}
      />
      <ErrorMessage error={deliveries.error} />
      <table aria-busy={deliveries.loading}>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Response</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data?.items.map((delivery) => (
            <tr key={delivery.id}>
              <td>
                <a href={`#/webhooks/${encodeURIComponent(delivery.id)}`}>{delivery.event}</a>
              </td>
              <td>
                <StatusBadge status={delivery.status} />
              </td>
              <td>{delivery.attempts}</td>
              <td>{delivery.response_code ?? "—"}</td>
              <td>{formatDate(delivery.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {deliveries.data?.items.length === 0 ? (
        <p class="muted">No deliveries yet. Events are still recorded when no webhook URL is set (see Settings).</p>
      ) : null}
      <Pager page={deliveries.data} offset={offset} onOffset={setOffset} />
    </section>
  );
}

export function WebhookDetailPage({ api, id }: { api: ApiClient; id: string }) {
  const detail = useLoad(() => api.get<WebhookDeliveryDetail>(`/webhooks/${encodeURIComponent(id)}`), [id]);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const d = detail.data;

  async function retry() {
    setError(null);
    try {
      await api.post(`/webhooks/${encodeURIComponent(id)}/retry`);
      setNotice("Delivery queued again.");
      detail.reload();
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  return (
    <section aria-labelledby="webhook-title">
      <p>
        <a href="#/webhooks">← All webhooks</a>
      </p>
      <h1 id="webhook-title">{d ? d.event : "Webhook delivery"}</h1>
      <ErrorMessage error={error ?? detail.error} />
      <p class="status-line" aria-live="polite">
        {notice}
      </p>
      {d ? (
        <>
          <dl class="facts">
            <dt>Delivery</dt>
            <dd>
              <code>{d.id}</code>
            </dd>
            <dt>Event id</dt>
            <dd>
              <code>{d.event_id}</code>
            </dd>
            <dt>URL</dt>
            <dd>{d.url || "—"}</dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={d.status} />
            </dd>
            <dt>Next retry</dt>
            <dd>{formatDate(d.next_retry_at)}</dd>
          </dl>
          <button type="button" onClick={retry}>
            Retry
          </button>
          <h2>Payload</h2>
          <pre>{JSON.stringify(d.payload, null, 2)}</pre>
          <h2>Attempts</h2>
          {d.attempt_log.length === 0 ? <p class="muted">No attempts yet.</p> : null}
          <ol class="attempts">
            {/* A retry resets the attempt counter, so numbers repeat in the log: key by position. */}
            {d.attempt_log.map((attempt, index) => (
              <li key={`${index}-${attempt.created_at}`}>
                #{attempt.attempt} · {formatDate(attempt.created_at)} · {attempt.response_code ?? "no response"} ·{" "}
                {attempt.duration_ms} ms
                {attempt.error ? <span class="error-text"> · {attempt.error}</span> : null}
                {attempt.response_body ? <pre>{attempt.response_body}</pre> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
