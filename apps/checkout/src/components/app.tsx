import type { CheckoutOrder, InitPayload } from "@paygate/contracts";
import { formatAmount } from "@paygate/contracts/currency";
import { useEffect, useMemo, useState } from "preact/hooks";
import { type ApiClient, ApiRequestError } from "../api-client.js";
import type { Bridge } from "../bridge.js";
import { createPaymentFlow, type Stage } from "../payment-flow.js";
import { contactDetails } from "../prefill.js";
import { applyTheme } from "../theme.js";
import { OtpStep } from "./otp-step.js";
import { PaymentForm } from "./payment-form.js";
import { FailureView, ProcessingView, SuccessView } from "./status-views.js";
import { TestModeBanner } from "./test-mode-banner.js";

interface Props {
  orderId: string;
  api: ApiClient;
  bridge: Bridge;
}

const unpayable: Record<string, string> = {
  paid: "This order has already been paid.",
  cancelled: "This order was cancelled. Return to the shop to start again.",
};

export function App({ orderId, api, bridge }: Props) {
  const [order, setOrder] = useState<CheckoutOrder>();
  const [loadError, setLoadError] = useState<string>();
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
    api.getOrder(orderId).then(setOrder, (error: unknown) => {
      setLoadError(error instanceof ApiRequestError ? error.error.description : "This checkout could not be loaded.");
    });
    return () => {
      stopListening();
      removeEventListener("keydown", onKey);
    };
  }, [api, bridge, orderId]);

  // The SDK shows its spinner until `ready`, so say it once there is something to show.
  const loaded = order !== undefined || loadError !== undefined;
  useEffect(() => {
    if (loaded) bridge.send("ready");
  }, [loaded, bridge]);

  if (!order) {
    return (
      <main class="checkout">
        <p class={loadError ? "load-error" : "loading"} role={loadError ? "alert" : "status"}>
          {loadError ?? "Loading…"}
        </p>
      </main>
    );
  }

  const amountLabel = formatAmount(order.order.amount_due, order.order.currency);
  const closedReason = unpayable[order.order.status];
  return (
    <div class="checkout">
      {order.test_mode ? <TestModeBanner /> : null}
      <header class="summary">
        <h1 class="merchant">{init.name ?? order.merchant.name}</h1>
        {init.description ? <p class="description">{init.description}</p> : null}
        <p class="amount">
          <span class="visually-hidden">Amount: </span>
          {amountLabel}
        </p>
      </header>
      <main>
        {closedReason && stage.name === "form" ? (
          <p class="load-error" role="alert">
            {closedReason}
          </p>
        ) : (
          <PaymentForm
            order={order}
            amountLabel={amountLabel}
            prefillName={init.prefill?.name}
            hidden={stage.name !== "form"}
            onPay={(details) => void flow.pay({ ...details, ...contactDetails(init.prefill) })}
          />
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
