import type { EmailMessage, Invoice, ListPage } from "@paygate/contracts";
import { invoiceStatuses } from "@paygate/contracts/enums";
import { useState } from "preact/hooks";
import type { ApiClient, ApiError } from "../api-client.js";
import { formatDate, formatMoney } from "../format.js";
import { ErrorMessage, StatusBadge } from "./feedback.js";
import { PAGE_SIZE, Pager, StatusFilter } from "./pager.js";
import { toApiError, useLoad } from "./use-load.js";

export function InvoicesPage({ api }: { api: ApiClient }) {
  const [status, setStatus] = useState("");
  const [offset, setOffset] = useState(0);
  const invoices = useLoad(() => api.get<ListPage<Invoice>>("/invoices", { status, limit: PAGE_SIZE, offset }), [status, offset]);
  return (
    <section aria-labelledby="invoices-title">
      <h1 id="invoices-title">Invoices</h1>
      <StatusFilter
        id="invoice-status"
        value={status}
        options={invoiceStatuses}
        onChange={(value) => {
          setStatus(value);
          setOffset(0);
        }}
      />
      <ErrorMessage error={invoices.error} />
      <table aria-busy={invoices.loading}>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Customer</th>
            <th scope="col">Total</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {invoices.data?.items.map((invoice) => (
            <tr key={invoice.id} data-invoice={invoice.id}>
              <td>
                {/* Drafts have no number yet (numbers are assigned at send). */}
                <a href={`#/invoices/${encodeURIComponent(invoice.id)}`}>{invoice.number ?? `Draft ${invoice.id}`}</a>
              </td>
              <td>
                {invoice.customer.name} <span class="muted">{invoice.customer.email}</span>
              </td>
              <td>{formatMoney(invoice.total, invoice.currency)}</td>
              <td>
                <StatusBadge status={invoice.status} />
              </td>
              <td>{formatDate(invoice.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={invoices.data} offset={offset} onOffset={setOffset} />
    </section>
  );
}

export function InvoiceDetailPage({ api, id }: { api: ApiClient; id: string }) {
  const invoice = useLoad(() => api.get<Invoice>(`/invoices/${encodeURIComponent(id)}`), [id]);
  const emails = useLoad(() => api.get<ListPage<EmailMessage>>("/emails", { invoice_id: id, limit: 100 }), [id]);
  const [error, setError] = useState<ApiError | null>(null);
  const inv = invoice.data;

  async function downloadPdf() {
    setError(null);
    try {
      const blob = await api.file(`/invoices/${encodeURIComponent(id)}/pdf`);
      const href = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement("a"), { href, download: `${inv?.number ?? `draft-${id}`}.pdf` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  return (
    <section aria-labelledby="invoice-title">
      <p>
        <a href="#/invoices">← All invoices</a>
      </p>
      <h1 id="invoice-title">{inv ? `Invoice ${inv.number ?? "(draft)"}` : "Invoice"}</h1>
      <ErrorMessage error={error ?? invoice.error} />
      {inv ? (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={inv.status} />
            </dd>
            <dt>Customer</dt>
            <dd>
              {inv.customer.name} ({inv.customer.email})
            </dd>
            <dt>Due</dt>
            <dd>{inv.due_date ?? "—"}</dd>
            <dt>Hosted page</dt>
            <dd>{inv.url ? <a href={inv.url}>{inv.url}</a> : "—"}</dd>
          </dl>
          <button type="button" onClick={downloadPdf}>
            Download PDF
          </button>
          <h2>Line items</h2>
          <table aria-label="Line items">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Quantity</th>
                <th scope="col">Unit price</th>
                <th scope="col">Amount</th>
              </tr>
            </thead>
            <tbody>
              {/* Lines have no id of their own; the list never reorders. */}
              {inv.line_items.map((line, index) => (
                <tr key={`${index}-${line.name}`}>
                  <td>{line.name}</td>
                  <td>{line.quantity}</td>
                  <td>{formatMoney(line.unit_amount, inv.currency)}</td>
                  <td>{formatMoney(line.amount, inv.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl class="facts" aria-label="Totals">
            <dt>Subtotal</dt>
            <dd>{formatMoney(inv.subtotal, inv.currency)}</dd>
            {inv.discount_amount > 0 ? (
              <>
                <dt>Discount ({inv.discount_code})</dt>
                <dd>−{formatMoney(inv.discount_amount, inv.currency)}</dd>
              </>
            ) : null}
            <dt>Tax ({inv.tax_bps / 100}%)</dt>
            <dd>{formatMoney(inv.tax_amount, inv.currency)}</dd>
            <dt>Total</dt>
            <dd>{formatMoney(inv.total, inv.currency)}</dd>
            <dt>Paid</dt>
            <dd>{formatMoney(inv.amount_paid, inv.currency)}</dd>
            <dt>Amount due</dt>
            <dd>{formatMoney(inv.amount_due, inv.currency)}</dd>
          </dl>
        </>
      ) : null}
      <h2>Emails</h2>
      <ErrorMessage error={emails.error} />
      {emails.data && emails.data.items.length === 0 ? <p class="muted">No emails sent for this invoice.</p> : null}
      {emails.data && emails.data.items.length > 0 ? (
        <table aria-label="Emails">
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {emails.data.items.map((email) => (
              <tr key={email.id}>
                <td>{email.to}</td>
                <td>{email.subject}</td>
                <td>{email.kind.replace("_", " ")}</td>
                <td>
                  <StatusBadge status={email.status} />
                </td>
                <td>{formatDate(email.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
