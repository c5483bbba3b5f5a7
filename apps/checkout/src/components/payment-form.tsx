import type { CheckoutOrder, PaymentMethod } from "@paygate/contracts";
import { useEffect, useRef, useState } from "preact/hooks";
import { type CardFields as Card, type CardErrors, digitsOf, validateCard, validateVpa } from "../card.js";
import type { PaymentDetails } from "../payment-flow.js";
import { CardFields } from "./card-fields.js";
import { Field, SelectField } from "./field.js";
import { MethodTabs } from "./method-tabs.js";
import { NEW_CARD, SaveCardBox, SavedCards } from "./saved-cards.js";

const bankNames: Record<string, string> = {
  HDFC: "HDFC Bank",
  ICICI: "ICICI Bank",
  SBI: "State Bank of India",
  AXIS: "Axis Bank",
  KOTAK: "Kotak Mahindra Bank",
  YES: "Yes Bank",
};
const walletNames: Record<string, string> = { paytm: "Paytm", phonepe: "PhonePe", amazonpay: "Amazon Pay", mobikwik: "MobiKwik" };
const optionsOf = (values: string[], names: Record<string, string>) =>
  values.map((value) => ({ value, label: names[value] ?? value }));

interface Props {
  order: CheckoutOrder;
  amountLabel: string;
  prefillName?: string;
  /** Hidden rather than unmounted while a payment runs, so "Try again" finds the form as it was. */
  hidden: boolean;
  onPay(details: PaymentDetails): void;
}

export function PaymentForm({ order, amountLabel, prefillName, hidden, onPay }: Props) {
  const [method, setMethod] = useState<PaymentMethod>(order.methods[0] ?? "card");
  const [card, setCard] = useState<Card>({ number: "", expiry: "", cvv: "", name: "" });
  const [cardErrors, setCardErrors] = useState<CardErrors>({});
  const [vpa, setVpa] = useState("");
  const [vpaError, setVpaError] = useState<string>();
  const [bank, setBank] = useState(order.banks[0] ?? "");
  const [wallet, setWallet] = useState(order.wallets[0] ?? "");
  // A customer's saved card is chosen first: paying with it is one tap.
  const [savedChoice, setSavedChoice] = useState(order.saved_cards[0]?.id ?? NEW_CARD);
  const [saveCard, setSaveCard] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (prefillName) setCard((current) => (current.name ? current : { ...current, name: prefillName }));
  }, [prefillName]);
  // Back from a failure: put the shopper where they can correct and resubmit.
  useEffect(() => {
    if (!hidden && document.activeElement === document.body)
      form.current?.querySelector<HTMLElement>(".panel input, .panel select")?.focus();
  }, [hidden]);

  // Errors appear once a field is left (or on submit), not while the shopper is still typing.
  const checkCardField = (field: keyof Card) => {
    const value = card[field];
    if (value !== "") setCardErrors((current) => ({ ...current, [field]: validateCard(card)[field] }));
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (method === "card" && savedChoice !== NEW_CARD) return onPay({ payment_method: savedChoice });
    if (method === "card") {
      const errors = validateCard(card);
      setCardErrors(errors);
      const first = (Object.keys(card) as (keyof Card)[]).find((field) => errors[field]);
      if (first) return document.getElementById(`card-${first}`)?.focus();
      const name = card.name.trim();
      return onPay({
        method,
        card: { number: digitsOf(card.number), expiry: card.expiry, cvv: card.cvv, ...(name ? { name } : {}) },
        ...(saveCard ? { save_card: true } : {}),
      });
    }
    if (method === "upi") {
      const error = validateVpa(vpa);
      setVpaError(error);
      if (error) return document.getElementById("upi-vpa")?.focus();
      return onPay({ method, vpa: vpa.trim() });
    }
    if (method === "netbanking") return onPay({ method, bank: bank as PaymentDetails["bank"] });
    return onPay({ method, wallet: wallet as PaymentDetails["wallet"] });
  };

  return (
    <form ref={form} class="payment-form" hidden={hidden} onSubmit={submit} noValidate>
      <MethodTabs methods={order.methods} selected={method} onSelect={setMethod}>
        {method === "card" && order.saved_cards.length > 0 && (
          <SavedCards cards={order.saved_cards} selected={savedChoice} onSelect={setSavedChoice} />
        )}
        {method === "card" && savedChoice === NEW_CARD && (
          <CardFields
            card={card}
            errors={cardErrors}
            onChange={(next, field) => {
              setCard(next);
              // A field's error goes as soon as the shopper edits it; it is checked again on blur.
              setCardErrors((current) => ({ ...current, [field]: undefined }));
            }}
            onBlur={checkCardField}
          />
        )}
        {method === "card" && savedChoice === NEW_CARD && order.can_save_card && (
          <SaveCardBox checked={saveCard} onChange={setSaveCard} />
        )}
        {method === "upi" && (
          <Field
            id="upi-vpa"
            label="UPI ID"
            value={vpa}
            error={vpaError}
            placeholder="name@bank"
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            onInput={(event) => {
              setVpa(event.currentTarget.value);
              setVpaError(undefined);
            }}
            onBlur={() => vpa && setVpaError(validateVpa(vpa))}
          />
        )}
        {method === "netbanking" && (
          <SelectField id="bank" label="Bank" value={bank} options={optionsOf(order.banks, bankNames)} onChange={setBank} />
        )}
        {method === "wallet" && (
          <SelectField
            id="wallet"
            label="Wallet"
            value={wallet}
            options={optionsOf(order.wallets, walletNames)}
            onChange={setWallet}
          />
        )}
      </MethodTabs>
      <button type="submit" class="pay">
        Pay {amountLabel}
      </button>
    </form>
  );
}
