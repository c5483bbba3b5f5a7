import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { TestModeBanner } from "../components/test-mode-banner.js";

export interface HostedSummary {
  merchant: string;
  description: string;
  amountLabel: string;
  /** Read before the amount by screen readers: "Amount" for a link, "Amount due" for an invoice. */
  amountName?: string;
}

/**
 * The modal's layout (banner, summary, main, footer) as a card on a full page: the hosted link
 * and invoice pages share it, so they read like the modal and like each other.
 */
export function HostedShell({
  title,
  summary,
  testMode,
  children,
}: {
  title: string;
  summary?: HostedSummary | undefined;
  testMode?: boolean | undefined;
  children: ComponentChildren;
}) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <div class="hosted">
      <div class="checkout">
        {testMode ? <TestModeBanner /> : null}
        {summary ? (
          <header class="summary">
            <h1 class="merchant">{summary.merchant}</h1>
            <p class="description">{summary.description}</p>
            <p class="amount">
              <span class="visually-hidden">{summary.amountName ?? "Amount"}: </span>
              {summary.amountLabel}
            </p>
          </header>
        ) : null}
        {children}
        <footer>
          <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
            <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" fill="currentColor" />
          </svg>{" "}
          Secured by PayGate
        </footer>
      </div>
    </div>
  );
}
