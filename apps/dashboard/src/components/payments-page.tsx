import type { ListPage, Payment } from "@paygate/contracts";
import { paymentStatuses } from "@paygate/contracts/enums";
import { useEffect, useState } from "preact/hooks";
import type { ApiClient, ApiError } from "../api-client.js";
import { formatDate, formatMoney } from "../format.js";
import { ConfirmButton } from "./confirm-button.js";
import { ErrorMessage, StatusBadge } from "./feedback.js";
import { PAGE_SIZE, Pager, StatusFilter } from "./pager.js";
import { toApiError, useLoad } from "./use-load.js";

const POLL_MS = 1500;
const POLL_LIMIT = 20;

/** A fresh Idempotency-Key per refund click, so a retried request can never refund twice. */
function newIdempotencyKey(): string {
  // randomUUID needs a secure context; a dashboard reached over plain http by IP still needs a key.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const refundable = (payment: Payment) => payment.status === "captured" && payment.amount_refunded < payment.amount;

export function PaymentsPage({ api }: { api: ApiClient }) {
  const [status, setStatus] = useState("");
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  // Refunds are processed in the background: after one, reload the list until it shows.
  const [polls, setPolls] = useState(0);
  const payments = useLoad(() => api.get<ListPage<Payment>>("/payments", { status, limit: PAGE_SIZE, offset }), [status, offset]);
  const { reload } = payments;

  useEffect(() => {
    if (polls === 0) return;
    const timer = setTimeout(() => {
      reload();
      setPolls((count) => (count >= POLL_LIMIT ? 0 : count + 1));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [polls, reload]);

  async function refund(payment: Payment) {
    setError(null);
    try {
      await api.post(`/payments/${encodeURIComponent(payment.id)}/refunds`, {}, { "Idempotency-Key": newIdempotencyKey() });
      setNotice(
        `Refund of ${formatMoney(payment.amount - payment.amount_refunded, payment.currency)} for ${payment.id} requested.`,
      );
      reload();
      setPolls(1);
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  return (
    <section aria-labelledby="payments-title">
      <h1 id="payments-title">Payments</h1>
      <StatusFilter
        id="payment-status"
        value={status}
        options={paymentStatuses}
        onChange={(value) => {
          setStatus(value);
          setOffset(0);
        }}
      />
      <ErrorMessage error={error ?? payments.error} />
      <p class="status-line" aria-live="polite">
        {notice}
      </p>
      <table aria-busy={payments.loading}>
        <thead>
          <tr>
            <th scope="col">Payment</th>
            <th scope="col">Order</th>
            <th scope="col">Amount</th>
            <th scope="col">Method</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {payments.data?.items.map((payment) => (
            <tr key={payment.id} data-payment={payment.id}>
              <td>
                <code>{payment.id}</code>
              </td>
              <td>
                <code>{payment.order_id}</code>
              </td>
              <td>
                {formatMoney(payment.amount, payment.currency)}
                {payment.amount_refunded > 0 ? (
                  <span class="muted"> ({formatMoney(payment.amount_refunded, payment.currency)} refunded)</span>
                ) : null}
              </td>
              <td>{payment.card ? `${payment.card.network} •••• ${payment.card.last4}` : payment.method}</td>
              <td>
                <StatusBadge status={payment.status} />
                {payment.error_description ? <span class="muted"> {payment.error_description}</span> : null}
              </td>
              <td>{formatDate(payment.created_at)}</td>
              <td>
                {refundable(payment) ? (
                  <ConfirmButton label="Refund" confirmLabel="Confirm refund" onConfirm={() => refund(payment)} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={payments.data} offset={offset} onOffset={setOffset} />
    </section>
  );
}
