import type { CheckoutOrder } from "@paygate/contracts";

type SavedCard = CheckoutOrder["saved_cards"][number];

const networkNames: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  rupay: "RuPay",
  discover: "Discover",
  jcb: "JCB",
  diners: "Diners Club",
};

/** "Visa •••• 4242", as the card's radio reads (SPEC §15). */
export const savedCardLabel = (card: SavedCard) => `${networkNames[card.network] ?? "Card"} •••• ${card.last4}`;

export const NEW_CARD = "new";

interface Props {
  cards: SavedCard[];
  /** A saved card's id, or NEW_CARD. */
  selected: string;
  onSelect(choice: string): void;
}

/** The customer's saved cards as radios for a one-tap payment, and "Use a new card". */
export function SavedCards({ cards, selected, onSelect }: Props) {
  return (
    <fieldset class="saved-cards">
      <legend>Saved cards</legend>
      {cards.map((card) => (
        <label key={card.id} class="choice">
          <input
            type="radio"
            name="saved-card"
            value={card.id}
            checked={selected === card.id}
            onChange={() => onSelect(card.id)}
          />
          <span>{savedCardLabel(card)}</span>
          <span class="choice-aside">
            {String(card.expiry_month).padStart(2, "0")}/{String(card.expiry_year % 100).padStart(2, "0")}
          </span>
        </label>
      ))}
      <label class="choice">
        <input
          type="radio"
          name="saved-card"
          value={NEW_CARD}
          checked={selected === NEW_CARD}
          onChange={() => onSelect(NEW_CARD)}
        />
        <span>Use a new card</span>
      </label>
    </fieldset>
  );
}

/** "Save this card for future payments": unchecked until the shopper ticks it. */
export function SaveCardBox({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label class="choice save-card">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      <span>Save this card for future payments</span>
    </label>
  );
}
