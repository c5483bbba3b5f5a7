import {
  type CardFields as Card,
  type CardErrors,
  cardNetwork,
  digitsOf,
  formatCardNumber,
  formatExpiry,
  networkNames,
} from "../card.js";
import { Field } from "./field.js";

interface Props {
  card: Card;
  errors: CardErrors;
  onChange(card: Card, field: keyof Card): void;
  onBlur(field: keyof Card): void;
}

/**
 * Puts the caret back after the same number of digits it followed before reformatting, so that
 * editing in the middle of "4242 4242 …" does not throw the caret to the end.
 */
function reformat(input: HTMLInputElement, formatted: string) {
  const caret = input.selectionStart ?? input.value.length;
  const digitsBefore = digitsOf(input.value.slice(0, caret)).length;
  const atEnd = caret === input.value.length;
  input.value = formatted;
  let position = 0;
  for (let seen = 0; position < formatted.length && seen < digitsBefore; position++) {
    if (/\d/.test(formatted[position] ?? "")) seen++;
  }
  if (atEnd) position = formatted.length;
  input.setSelectionRange(position, position);
}

export function CardFields({ card, errors, onChange, onBlur }: Props) {
  const network = cardNetwork(digitsOf(card.number));
  const update = (field: keyof Card) => (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const deleting = (event as InputEvent).inputType?.startsWith("delete") ?? false;
    const formatters: Partial<Record<keyof Card, (value: string) => string>> = {
      number: formatCardNumber,
      expiry: (value) => formatExpiry(value, deleting),
      cvv: (value) => digitsOf(value).slice(0, 4),
    };
    const format = formatters[field];
    if (format) reformat(input, format(input.value));
    onChange({ ...card, [field]: input.value }, field);
  };
  const common = (field: keyof Card) => ({
    id: `card-${field}`,
    value: card[field],
    error: errors[field],
    onInput: update(field),
    onBlur: () => onBlur(field),
  });
  return (
    <div class="card-fields">
      <Field
        {...common("number")}
        label="Card number"
        aside={networkNames[network]}
        inputMode="numeric"
        autoComplete="cc-number"
        placeholder="1234 1234 1234 1234"
      />
      <div class="row">
        <Field {...common("expiry")} label="Expiry (MM/YY)" inputMode="numeric" autoComplete="cc-exp" placeholder="MM/YY" />
        <Field
          {...common("cvv")}
          label="CVV"
          inputMode="numeric"
          autoComplete="cc-csc"
          placeholder={network === "amex" ? "1234" : "123"}
        />
      </div>
      <Field {...common("name")} label="Name on card" autoComplete="cc-name" maxLength={100} />
    </div>
  );
}
