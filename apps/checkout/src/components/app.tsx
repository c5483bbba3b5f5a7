import type { CheckoutOrder, InitPayload } from "@paygate/contracts";
import { formatAmount } from "@paygate/contracts/currency";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { ApiClient } from "../api-client.js";
import type { Bridge } from "../bridge.js";
import { closedOrderFailure, type LoadFailure, loadFailure } from "../load-failure.js";
import { createPaymentFlow, type Stage } from "../payment-flow.js";
import { contactDetails } from "../prefill.js";
import { applyTheme } from "../theme.js";
import { OtpStep } from "./otp-step.js";
import { PaymentForm } from "./payment-form.js";
import { PromoCode } from "./promo-code.js";
import { FailureView, ProcessingView, SuccessView } from "./status-views.js";
import { TestModeBanner } from "./test-mode-banner.js";

interface Props {
  orderId: string;
  api: ApiClient;
  bridge: Bridge;
}

export function App({ orderId, api, bridge }: Props) {
  const [order, setOrder] = useState<CheckoutOrder>();
  // Why no payment can be taken (the order could not be loaded, or is paid or cancelled).
  const [failure, setFailure] = useState<LoadFailure>();
  const [init, setInit] = useState<InitPayload>({});
  const [stage, setStage] = useState<Stage>({ name: "form" });
  const flow = useMemo(() => createPaymentFlow({ api, bridge, orderId, onChange: setStage }), [api, bridge, orderId]);

  useEffect(() => {
    const stopListening = bridge.onInit((payload) => {
      setInit(payload);
      applyTheme(payload.theme?.color);
    });
    // Escape inside the frame never reaches the merchant page: forward it to the SDK.
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && bridge.send("close");
    addEventListener("keydown", onKey);
    api.getOrder(orderId).then(
      (loaded) => {
        setOrder(loaded);
        setFailure(closedOrderFailure(loaded.order));
      },
      (error: unknown) => setFailure(loadFailure(error, { orderId, key: api.key, apiUrl: api.apiUrl })),
    );
    return () => {
      stopListening();
      removeEventListener("keydown", onKey);
    };
  }, [api, bridge, orderId]);

  // The SDK shows its spinner until `ready`, so say it once there is something to show; then,
  // if no payment can be taken, tell the developer why (SPEC §10 `error`).
  const loaded = order !== undefined || failure !== undefined;
  useEffect(() => {
    if (!loaded) return;
    bridge.send("ready");
    if (failure) bridge.send("error", failure.error);
  }, [loaded, failure, bridge]);

  if (!order) {
    return (
      <main class="checkout">
        <p class={failure ? "load-error" : "loading"} role={failure ? "alert" : "status"}>
          {failure?.shopper ?? "Loading…"}
        </p>
      </main>
    );
  }

  const { status } = order.order;
  const discount = order.order.discount;
  // A paid order shows what was paid (its amount less any discount), not the ₹0.00 left to pay.
  const shown = status === "paid" ? order.order.amount - (discount?.amount ?? 0) : order.order.amount_due;
  const amountLabel = formatAmount(shown, order.order.currency);
  const mark = status === "paid" ? "Paid" : status === "cancelled" ? "Cancelled" : null;
  return (
    <div class="checkout">
      {/* The header first: its right-hand padding leaves the SDK's close button clear of the banner. */}
      <header class="summary">
        <h1 class="merchant">{init.name ?? order.merchant.name}</h1>
        {init.description ? <p class="description">{init.description}</p> : null}
        {discount ? (
          <dl class="discount-lines">
            <dt>Subtotal</dt>
            <dd>{formatAmount(order.order.amount, order.order.currency)}</dd>
            <dt>Discount ({discount.code})</dt>
            <dd>−{formatAmount(discount.amount, order.order.currency)}</dd>
          </dl>
        ) : null}
        <p class="amount">
          <span class="visually-hidden">{discount ? "Total: " : "Amount: "}</span>
          {amountLabel}
          {mark ? <span class={`order-mark ${status}`}>{mark}</span> : null}
        </p>
      </header>
      {order.test_mode ? <TestModeBanner /> : null}
      <main>
        {failure && stage.name === "form" ? (
          <p class="load-error order-closed" role="alert">
            {failure.shopper}
          </p>
        ) : (
          <>
            {/* Hidden where the API refuses a code: an invoice's or a subscription's order, money in flight. */}
            {stage.name === "form" && order.promo_codes ? (
              <PromoCode order={order} api={api} email={contactDetails(init.prefill).email} onChange={setOrder} />
            ) : null}
            <PaymentForm
              order={order}
              amountLabel={amountLabel}
              prefillName={init.prefill?.name}
              hidden={stage.name !== "form"}
              onPay={(details) => void flow.pay({ ...details, ...contactDetails(init.prefill) })}
            />
          </>
        )}
        {stage.name === "processing" ? <ProcessingView /> : null}
        {stage.name === "otp" ? (
          <OtpStep error={stage.error} testMode={order.test_mode} onSubmit={(otp) => void flow.submitOtp(otp)} />
        ) : null}
        {stage.name === "succeeded" ? (
          <SuccessView
            amountLabel={amountLabel}
            paymentId={stage.paymentId}
            receiptUrl={stage.captured ? api.receiptUrl(stage.paymentId) : undefined}
            onDone={bridge.embedded ? () => bridge.send("close") : undefined}
          />
        ) : null}
        {stage.name === "failed" ? <FailureView error={stage.error} onRetry={() => flow.retry()} /> : null}
      </main>
      <footer>
        <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
          <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" fill="currentColor" />
        </svg>{" "}
        Secured by PayGate
      </footer>
    </div>
  );
}
