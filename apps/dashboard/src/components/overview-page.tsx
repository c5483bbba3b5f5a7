import type { ApiClient } from "../api-client.js";
import { formatMoney, formatPercent } from "../format.js";
import { ErrorMessage } from "./feedback.js";
import { useLoad } from "./use-load.js";

interface MerchantStats {
  total_orders: number;
  successful_payments: number;
  successful_refunds: number;
  canceled_payments: number;
  total_volume: number;
  refunded_volume: number;
  success_rate: number;
}

export function OverviewPage({ api }: { api: ApiClient }) {
  const stats = useLoad(() => api.get<MerchantStats>("/merchants/stats"), []);
  const s = stats.data;
  // The stats carry no currency: volumes are summed in minor units, shown as INR (the default).
  const cards: [string, string][] = s
    ? [
        ["Total orders", String(s.total_orders)],
        ["Successful payments", String(s.successful_payments)],
        ["Refunds", String(s.successful_refunds)],
        ["Failed payments", String(s.canceled_payments)],
        ["Volume", formatMoney(s.total_volume)],
        ["Refunded volume", formatMoney(s.refunded_volume)],
        ["Success rate", formatPercent(s.success_rate)],
      ]
    : [];
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <ErrorMessage error={stats.error} />
      {stats.loading && !s ? <p aria-busy="true">Loading…</p> : null}
      <dl class="cards">
        {cards.map(([label, value]) => (
          <div class="card" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
