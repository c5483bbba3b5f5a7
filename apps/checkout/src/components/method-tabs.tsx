import type { PaymentMethod } from "@paygate/contracts";
import type { ComponentChildren } from "preact";

export const methodLabels: Record<PaymentMethod, string> = {
  card: "Card",
  upi: "UPI",
  netbanking: "Netbanking",
  wallet: "Wallet",
};

export const tabId = (method: PaymentMethod) => `tab-${method}`;
export const panelId = (method: PaymentMethod) => `panel-${method}`;

interface Props {
  methods: PaymentMethod[];
  selected: PaymentMethod;
  onSelect(method: PaymentMethod): void;
  children: ComponentChildren;
}

/**
 * The WAI-ARIA tabs pattern: one tab stop (roving tabindex), arrows/Home/End move and select,
 * and the panel is labelled by its tab.
 */
export function MethodTabs({ methods, selected, onSelect, children }: Props) {
  const move = (event: KeyboardEvent) => {
    const index = methods.indexOf(selected);
    const next = {
      ArrowRight: methods[(index + 1) % methods.length],
      ArrowLeft: methods[(index - 1 + methods.length) % methods.length],
      Home: methods[0],
      End: methods[methods.length - 1],
    }[event.key];
    if (!next) return;
    event.preventDefault();
    onSelect(next);
    document.getElementById(tabId(next))?.focus();
  };
  return (
    <>
      <div class="tabs" role="tablist" aria-label="Payment method" onKeyDown={move}>
        {methods.map((method) => (
          <button
            key={method}
            type="button"
            role="tab"
            id={tabId(method)}
            aria-selected={method === selected}
            aria-controls={panelId(method)}
            tabIndex={method === selected ? 0 : -1}
            onClick={() => onSelect(method)}
          >
            {methodLabels[method]}
          </button>
        ))}
      </div>
      <div class="panel" role="tabpanel" id={panelId(selected)} aria-labelledby={tabId(selected)}>
        {children}
      </div>
    </>
  );
}
