import type { CheckoutOrder } from "@paygate/contracts";
import { useState } from "preact/hooks";
import { type ApiClient, ApiRequestError } from "../api-client.js";
import { Field } from "./field.js";

interface Props {
  order: CheckoutOrder;
  api: ApiClient;
  /** The shopper's email when the shop prefilled it: it counts towards per-customer limits. */
  email?: string;
  onChange(order: CheckoutOrder): void;
}

/**
 * The "Promo code" field (SPEC §14): Apply reserves the code on the order and the summary and the
 * pay button follow the new amount due; Remove gives it back. Its own form, beside the payment
 * form, so Enter in the field applies the code rather than paying.
 */
export function PromoCode({ order, api, email, onChange }: Props) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  const applied = order.order.discount;

  const run = async (action: () => Promise<CheckoutOrder>, done: (next: CheckoutOrder) => string) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await action();
      onChange(next);
      setNotice(done(next));
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.error.description : "This code could not be applied. Try again.");
    } finally {
      setBusy(false);
    }
  };

  const apply = (event: Event) => {
    event.preventDefault();
    if (!code.trim()) return setError("Enter a promo code.");
    void run(
      () => api.applyDiscount(order.order.id, code.trim(), email),
      (next) => `Code ${next.order.discount?.code ?? ""} applied.`,
    );
  };
  const remove = () =>
    void run(
      () => api.removeDiscount(order.order.id),
      () => "Promo code removed.",
    );

  return (
    <form class="promo" onSubmit={apply} noValidate>
      {applied ? (
        <div class="promo-applied">
          <span>
            Code <strong>{applied.code}</strong> applied
          </span>
          <button type="button" class="link-button" disabled={busy} onClick={remove}>
            Remove
          </button>
        </div>
      ) : (
        <div class="promo-row">
          <Field
            id="promo-code"
            label="Promo code"
            value={code}
            error={error}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            onInput={(event) => {
              setCode(event.currentTarget.value);
              setError(undefined);
            }}
          />
          <button type="submit" class="promo-apply" disabled={busy}>
            Apply
          </button>
        </div>
      )}
      {applied && error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <p class="visually-hidden" aria-live="polite">
        {notice}
      </p>
    </form>
  );
}
