import type { CheckoutError } from "../api-client.js";
import { useFocusOnMount } from "./use-focus-on-mount.js";

export function ProcessingView() {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="status" aria-live="polite">
      <div class="spinner" aria-hidden="true" />
      <h2 ref={heading} tabIndex={-1}>
        Processing your payment…
      </h2>
      <p>Please keep this window open.</p>
    </section>
  );
}

interface SuccessProps {
  amountLabel: string;
  paymentId: string;
  /** The receipt PDF, once the payment is captured. */
  receiptUrl?: string;
  onDone?: () => void;
}

export function SuccessView({ amountLabel, paymentId, receiptUrl, onDone }: SuccessProps) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="status success" aria-live="polite">
      <div class="badge" aria-hidden="true">
        ✓
      </div>
      <h2 ref={heading} tabIndex={-1}>
        Payment successful
      </h2>
      <p>
        You paid <strong>{amountLabel}</strong>.
      </p>
      <p class="muted">Payment ID {paymentId}</p>
      {receiptUrl ? (
        <p>
          <a class="receipt-link" href={receiptUrl} download>
            Download receipt
          </a>
        </p>
      ) : null}
      {onDone ? (
        <button type="button" class="pay" onClick={onDone}>
          Done
        </button>
      ) : null}
    </section>
  );
}

interface FailureProps {
  error: CheckoutError;
  onRetry(): void;
}

export function FailureView({ error, onRetry }: FailureProps) {
  const retry = useFocusOnMount<HTMLButtonElement>();
  return (
    <section class="status failure" role="alert">
      <div class="badge" aria-hidden="true">
        !
      </div>
      <h2>Payment failed</h2>
      <p class="reason">{error.description}</p>
      <p class="muted">Reason: {error.type}</p>
      <button ref={retry} type="button" class="pay" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}
