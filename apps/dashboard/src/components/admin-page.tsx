import type { AdminStats, ListPage, Merchant } from "@paygate/contracts";
import { useState } from "preact/hooks";
import type { ApiClient, ApiError } from "../api-client.js";
import { formatDate, formatPercent } from "../format.js";
import { Cards } from "./cards.js";
import { ConfirmButton } from "./confirm-button.js";
import { ErrorMessage } from "./feedback.js";
import { PAGE_SIZE, Pager } from "./pager.js";
import { toApiError, useLoad } from "./use-load.js";

export function AdminPage({ api }: { api: ApiClient }) {
  const [offset, setOffset] = useState(0);
  const stats = useLoad(() => api.get<AdminStats>("/admin/stats"), []);
  const merchants = useLoad(() => api.get<ListPage<Merchant>>("/admin/merchants", { limit: PAGE_SIZE, offset }), [offset]);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");

  async function remove(merchant: Merchant) {
    setError(null);
    try {
      await api.del(`/admin/merchants/${encodeURIComponent(merchant.id)}`);
      setNotice(`${merchant.email} deleted.`);
      merchants.reload();
      stats.reload();
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  const s = stats.data;
  const cards: [string, string][] = s
    ? [
        ["Merchants", String(s.total_merchants)],
        ["Admins", String(s.total_admins)],
        ["Orders", String(s.total_orders)],
        ["Successful payments", String(s.total_successful_payments)],
        ["Refunds", String(s.total_successful_refunds)],
        ["Failed payments", String(s.total_canceled_payments)],
        ["Success rate", formatPercent(s.success_rate)],
      ]
    : [];
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Admin</h1>
      <ErrorMessage error={error ?? stats.error ?? merchants.error} />
      <p class="status-line" aria-live="polite">
        {notice}
      </p>
      <Cards cards={cards} />
      <h2>Merchants</h2>
      <table aria-busy={merchants.loading}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">API key</th>
            <th scope="col">Created</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {merchants.data?.items.map((merchant) => (
            <tr key={merchant.id}>
              <td>{merchant.name}</td>
              <td>{merchant.email}</td>
              <td>
                <code>{merchant.api_key ?? "—"}</code>
              </td>
              <td>{formatDate(merchant.created_at)}</td>
              <td>
                <ConfirmButton
                  label="Delete"
                  confirmLabel={`Confirm delete ${merchant.email}`}
                  onConfirm={() => remove(merchant)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={merchants.data} offset={offset} onOffset={setOffset} />
    </section>
  );
}
