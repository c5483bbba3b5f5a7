import type { MerchantStats } from "@paygate/contracts";
import type { ApiClient } from "../api-client.js";
import { formatMoney, formatPercent } from "../format.js";
import { Cards } from "./cards.js";
import { ErrorMessage } from "./feedback.js";
import { useLoad } from "./use-load.js";

export function OverviewPage({ api }: { api: ApiClient }) {
  const stats = useLoad(() => api.get<MerchantStats>("/merchants/stats"), []);
  const s = stats.data;
  const counts: [string, string][] = s
    ? [
        ["Total orders", String(s.total_orders)],
        ["Successful payments", String(s.successful_payments)],
        ["Refunds", String(s.successful_refunds)],
        ["Failed payments", String(s.canceled_payments)],
        ["Success rate", formatPercent(s.success_rate)],
      ]
    : [];
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <ErrorMessage error={stats.error} />
      {stats.loading && !s ? <p aria-busy="true">Loading…</p> : null}
      <Cards cards={counts} />
      {/* Money is shown per currency: adding ₹ to ¥ would be a number in no currency. */}
      {s?.by_currency.map((row) => (
        <section aria-label={`Volume in ${row.currency}`} key={row.currency}>
          <h2>{row.currency}</h2>
          <Cards
            cards={[
              ["Volume", formatMoney(row.total_volume, row.currency)],
              ["Refunded volume", formatMoney(row.refunded_volume, row.currency)],
              ["Payments", String(row.successful_payments)],
            ]}
          />
        </section>
      ))}
    </section>
  );
}
