import type { CheckoutInvoice, CheckoutOrder } from "@paygate/contracts";
import { type Currency, formatAmount } from "@paygate/contracts/currency";
import type { ComponentChildren } from "preact";
import { render } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiRequestError, createApiClient } from "../api-client.js";
import { createBridge } from "../bridge.js";
import { OtpStep } from "../components/otp-step.js";
import { PaymentForm } from "../components/payment-form.js";
import { FailureView, ProcessingView, SuccessView } from "../components/status-views.js";
import { createPaymentFlow, type Stage } from "../payment-flow.js";
import { HostedShell } from "./hosted-shell.js";
import { type InvoiceState, loadInvoice } from "./invoice-api.js";
import "./hosted.css";
import "./invoice.css";

type Invoice = CheckoutInvoice["invoice"];

/** `{CHECKOUT_URL}/i/:id`: an invoice's hosted page, where its customer reads it and pays it. */
export function mountInvoicePage(root: HTMLElement, invoiceId: string, apiUrl: string) {
  render(<InvoicePage invoiceId={invoiceId} apiUrl={apiUrl} />, root);
}

export function InvoicePage({ invoiceId, apiUrl }: { invoiceId: string; apiUrl: string }) {
  const [state, setState] = useState<InvoiceState>();
  const reload = useMemo(() => () => loadInvoice(apiUrl, invoiceId).then(setState), [apiUrl, invoiceId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (state?.name === "loaded") return <InvoiceView checkout={state.checkout} apiUrl={apiUrl} onPaid={() => void reload()} />;
  return (
    <Shell>
      <main>
        <p class={state ? "load-error" : "loading"} role={state ? "alert" : "status"}>
          {state ? state.message : "Loading…"}
        </p>
      </main>
    </Shell>
  );
}

/** An invoice's page in the shared hosted layout: the merchant, the invoice number, the amount due. */
function Shell({ checkout, children }: { checkout?: CheckoutInvoice; children: ComponentChildren }) {
  const invoice = checkout?.invoice;
  const title = invoice ? `Invoice ${invoice.number ?? ""} from ${checkout.merchant.name} · PayGate` : "Invoice · PayGate";
  const summary =
    checkout && invoice
      ? {
          merchant: checkout.merchant.name,
          description: `Invoice ${invoice.number}`,
          amountLabel: money(invoice.amount_due, invoice),
          amountName: "Amount due",
        }
      : undefined;
  return (
    <HostedShell title={title} summary={summary} testMode={checkout?.test_mode}>
      {children}
    </HostedShell>
  );
}

const money = (amount: number, invoice: { currency: Currency }) => formatAmount(amount, invoice.currency);
const isOpen = (invoice: Invoice) =>
  (invoice.status === "sent" || invoice.status === "viewed" || invoice.status === "overdue") && invoice.amount_due > 0;
const statusLabels: Record<Invoice["status"], string> = {
  draft: "Draft",
  sent: "Open",
  viewed: "Open",
  overdue: "Overdue",
  paid: "Paid",
  cancelled: "Cancelled",
};
const day = (date: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
const moment = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

function InvoiceView({ checkout, apiUrl, onPaid }: { checkout: CheckoutInvoice; apiUrl: string; onPaid(): void }) {
  const { invoice } = checkout;
  // Once a payment has started, its views stay on the page while the invoice reloads as paid.
  const [paying, setPaying] = useState(false);
  return (
    <Shell checkout={checkout}>
      <main>
        <InvoiceDetails invoice={invoice} />
        {(isOpen(invoice) || paying) && invoice.order_id ? (
          <PayInvoice
            checkout={checkout}
            orderId={invoice.order_id}
            apiUrl={apiUrl}
            onStart={() => setPaying(true)}
            onPaid={onPaid}
          />
        ) : (
          <ClosedInvoice invoice={invoice} merchant={checkout.merchant.name} />
        )}
      </main>
    </Shell>
  );
}

function InvoiceDetails({ invoice }: { invoice: Invoice }) {
  return (
    <section aria-label="Invoice details">
      <dl class="invoice-facts">
        <dt>Status</dt>
        <dd>
          <span class={`invoice-status ${invoice.status}`}>{statusLabels[invoice.status]}</span>
        </dd>
        <dt>Billed to</dt>
        <dd>{invoice.customer.name}</dd>
        {invoice.due_date ? (
          <>
            <dt>Due</dt>
            <dd>{day(invoice.due_date)}</dd>
          </>
        ) : null}
      </dl>
      <table class="invoice-lines">
        <caption>Items</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Qty</th>
            <th scope="col">Unit price</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.line_items.map((line, index) => (
            // Lines have no id of their own; the list never reorders.
            <tr key={index}>
              <td>{line.name}</td>
              <td>{line.quantity}</td>
              <td>{money(line.unit_amount, invoice)}</td>
              <td>{money(line.amount, invoice)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <Total label="Subtotal" amount={invoice.subtotal} invoice={invoice} />
          {invoice.discount_amount > 0 ? <Total label="Discount" amount={-invoice.discount_amount} invoice={invoice} /> : null}
          {invoice.tax_bps > 0 ? (
            <Total label={`Tax (${invoice.tax_bps / 100}%)`} amount={invoice.tax_amount} invoice={invoice} />
          ) : null}
          <Total label="Total" amount={invoice.total} invoice={invoice} strong />
          {invoice.amount_paid > 0 ? <Total label="Amount paid" amount={invoice.amount_paid} invoice={invoice} /> : null}
          <Total label="Amount due" amount={invoice.amount_due} invoice={invoice} strong />
        </tfoot>
      </table>
      {invoice.notes ? <p class="invoice-notes">{invoice.notes}</p> : null}
      {invoice.terms ? <p class="invoice-notes muted">{invoice.terms}</p> : null}
    </section>
  );
}

function Total({ label, amount, invoice, strong }: { label: string; amount: number; invoice: Invoice; strong?: boolean }) {
  return (
    <tr class={strong ? "total" : undefined}>
      <th scope="row" colSpan={3}>
        {label}
      </th>
      <td>{money(amount, invoice)}</td>
    </tr>
  );
}

interface PayProps {
  checkout: CheckoutInvoice;
  orderId: string;
  apiUrl: string;
  onStart(): void;
  onPaid(): void;
}

/** The invoice's order paid with the modal's form, processing, 3-D Secure, success and failure views. */
function PayInvoice({ checkout, orderId, apiUrl, onStart, onPaid }: PayProps) {
  const [stage, setStage] = useState<Stage>({ name: "form" });
  const [order, setOrder] = useState<CheckoutOrder>();
  const [loadError, setLoadError] = useState<string>();
  const api = useMemo(() => createApiClient(apiUrl, checkout.key), [apiUrl, checkout.key]);
  // The parent's callbacks change every render; the flow (which holds the attempt) must not.
  const callbacks = useRef({ onStart, onPaid });
  callbacks.current = { onStart, onPaid };
  const flow = useMemo(
    // No merchant page listens to a hosted page: a bridge without a parent sends nothing.
    () =>
      createPaymentFlow({
        api,
        bridge: createBridge(null),
        orderId,
        onChange: (next) => {
          if (next.name !== "form") callbacks.current.onStart();
          if (next.name === "succeeded") callbacks.current.onPaid();
          setStage(next);
        },
      }),
    [api, orderId],
  );
  useEffect(() => {
    api.getOrder(orderId).then(setOrder, (error: unknown) => {
      setLoadError(error instanceof ApiRequestError ? error.error.description : "This invoice cannot be paid right now.");
    });
  }, [api, orderId]);

  const amountLabel = money(checkout.invoice.amount_due, checkout.invoice);
  if (!order) {
    return (
      <p class={loadError ? "load-error" : "loading"} role={loadError ? "alert" : "status"}>
        {loadError ?? "Loading…"}
      </p>
    );
  }
  return (
    <>
      <PaymentForm
        order={order}
        amountLabel={amountLabel}
        prefillName={checkout.invoice.customer.name}
        hidden={stage.name !== "form"}
        onPay={(details) => void flow.pay(details)}
      />
      {stage.name === "processing" ? <ProcessingView /> : null}
      {stage.name === "otp" ? (
        <OtpStep error={stage.error} testMode={checkout.test_mode} onSubmit={(otp) => void flow.submitOtp(otp)} />
      ) : null}
      {stage.name === "succeeded" ? <SuccessView amountLabel={amountLabel} paymentId={stage.paymentId} /> : null}
      {stage.name === "failed" ? <FailureView error={stage.error} onRetry={() => flow.retry()} /> : null}
    </>
  );
}

/** A paid or cancelled invoice: what happened instead of the form. */
function ClosedInvoice({ invoice, merchant }: { invoice: Invoice; merchant: string }) {
  const paid = invoice.status === "paid";
  return (
    <section class={`status closed ${paid ? "paid" : "cancelled"}`}>
      <div class="badge" aria-hidden="true">
        {paid ? "✓" : "!"}
      </div>
      <h2>{paid ? "This invoice has been paid" : "This invoice was cancelled"}</h2>
      {paid ? (
        <>
          <p>
            Amount paid <strong>{money(invoice.amount_paid, invoice)}</strong>
          </p>
          {invoice.paid_at ? <p class="muted">Paid on {moment(invoice.paid_at)}</p> : null}
        </>
      ) : (
        <p>There is nothing to pay. If you have questions, contact {merchant}.</p>
      )}
    </section>
  );
}
