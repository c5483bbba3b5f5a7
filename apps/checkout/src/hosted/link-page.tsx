import type { CheckoutLink, LinkNotPayableMeta } from "@paygate/contracts";
import { formatAmount } from "@paygate/contracts/currency";
import type { ComponentChildren } from "preact";
import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { createApiClient } from "../api-client.js";
import { createBridge } from "../bridge.js";
import { OtpStep } from "../components/otp-step.js";
import { PaymentForm } from "../components/payment-form.js";
import { FailureView, ProcessingView, SuccessView } from "../components/status-views.js";
import { createPaymentFlow, type Stage } from "../payment-flow.js";
import { HostedShell, type HostedSummary } from "./hosted-shell.js";
import { type LinkState, loadLink } from "./link-api.js";
import "./hosted.css";

/** What each closed link's page says (SPEC §14). */
export const closedLinkSentences: Record<LinkNotPayableMeta["reason"], string> = {
  paid: "This link has been paid",
  expired: "This link has expired",
  cancelled: "This link was cancelled",
};

/** `{CHECKOUT_URL}/l/:id`: a payment link's full-page checkout. */
export function mountLinkPage(root: HTMLElement, linkId: string, apiUrl: string) {
  render(<LinkPage linkId={linkId} apiUrl={apiUrl} />, root);
}

export function LinkPage({ linkId, apiUrl }: { linkId: string; apiUrl: string }) {
  const [state, setState] = useState<LinkState>();
  useEffect(() => {
    void loadLink(apiUrl, linkId).then(setState);
  }, [apiUrl, linkId]);

  if (state?.name === "payable") return <PayLink checkout={state.checkout} apiUrl={apiUrl} />;
  if (state?.name === "closed") return <ClosedLink meta={state.meta} apiUrl={apiUrl} />;
  return (
    <Page>
      <main>
        <p class={state ? "load-error" : "loading"} role={state ? "alert" : "status"}>
          {state ? state.message : "Loading…"}
        </p>
      </main>
    </Page>
  );
}

interface Summary extends HostedSummary {
  testMode?: boolean;
}

/** A link's page in the shared hosted layout, titled by the link once it is known. */
function Page({ summary, children }: { summary?: Summary; children: ComponentChildren }) {
  const title = summary ? `${summary.merchant} · ${summary.description} · PayGate` : "Payment link · PayGate";
  return (
    <HostedShell title={title} summary={summary} testMode={summary?.testMode}>
      {children}
    </HostedShell>
  );
}

/** A payable link: the modal's payment form, processing, 3-D Secure, success and failure views. */
function PayLink({ checkout, apiUrl }: { checkout: CheckoutLink; apiUrl: string }) {
  const [stage, setStage] = useState<Stage>({ name: "form" });
  const orderId = checkout.order.id;
  const api = useMemo(() => createApiClient(apiUrl, checkout.key), [apiUrl, checkout.key]);
  const flow = useMemo(
    // No merchant page listens to a hosted page: a bridge without a parent sends nothing.
    () => createPaymentFlow({ api, bridge: createBridge(null), orderId, onChange: setStage }),
    [api, orderId],
  );
  const amountLabel = formatAmount(checkout.order.amount_due, checkout.order.currency);
  const summary = {
    merchant: checkout.merchant.name,
    description: checkout.payment_link.description,
    amountLabel,
    testMode: checkout.test_mode,
  };
  return (
    <Page summary={summary}>
      <main>
        <PaymentForm
          order={checkout}
          amountLabel={amountLabel}
          hidden={stage.name !== "form"}
          onPay={(details) => void flow.pay(details)}
        />
        {stage.name === "processing" ? <ProcessingView /> : null}
        {stage.name === "otp" ? (
          <OtpStep error={stage.error} testMode={checkout.test_mode} onSubmit={(otp) => void flow.submitOtp(otp)} />
        ) : null}
        {stage.name === "succeeded" ? (
          <SuccessView
            amountLabel={amountLabel}
            paymentId={stage.paymentId}
            receiptUrl={stage.captured ? api.receiptUrl(stage.paymentId) : undefined}
          />
        ) : null}
        {stage.name === "failed" ? <FailureView error={stage.error} onRetry={() => flow.retry()} /> : null}
      </main>
    </Page>
  );
}

const paidOn = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** A paid, expired or cancelled link: the sentence, and for a paid link its receipt view. */
function ClosedLink({ meta, apiUrl }: { meta: LinkNotPayableMeta; apiUrl: string }) {
  const link = meta.payment_link;
  const amountLabel = formatAmount(link.amount, link.currency);
  const paid = meta.reason === "paid";
  return (
    <Page summary={{ merchant: meta.merchant.name, description: link.description, amountLabel }}>
      <main>
        <section class={`status closed ${meta.reason}`}>
          <div class="badge" aria-hidden="true">
            {paid ? "✓" : "!"}
          </div>
          <h2>{closedLinkSentences[meta.reason]}</h2>
          {paid ? (
            <>
              <p>
                Amount paid <strong>{amountLabel}</strong>
              </p>
              {link.paid_at ? <p class="muted">Paid on {paidOn(link.paid_at)}</p> : null}
              {meta.payment_id ? <p class="muted">Payment ID {meta.payment_id}</p> : null}
              {meta.payment_id ? (
                <p>
                  <a class="receipt-link" href={createApiClient(apiUrl, meta.key).receiptUrl(meta.payment_id)} download>
                    Download receipt
                  </a>
                </p>
              ) : null}
            </>
          ) : (
            <p>If you still need to pay, ask {meta.merchant.name} for a new link.</p>
          )}
        </section>
      </main>
    </Page>
  );
}
