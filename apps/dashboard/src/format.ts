import { type Currency, currencyExponents, formatAmount } from "@paygate/contracts/currency";

/** Minor units for display; an unknown currency code still shows its number instead of throwing. */
export function formatMoney(amount: number, currency = "INR"): string {
  if (currency in currencyExponents) return formatAmount(amount, currency as Currency);
  return `${amount} ${currency}`;
}

/** The API's `success_rate` is already a percentage with two decimals (e.g. 66.67). */
export function formatPercent(rate: number): string {
  return `${Number.isFinite(rate) ? Number(rate.toFixed(2)) : 0}%`;
}

/** A timestamp in the viewer's locale; "—" for none, the raw text when it is not a date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString("en-IN", { dateStyle: "medium", timeStyle: "short" });
}

/**
 * The role claim of an access token. Only for choosing which pages to show after a reload
 * (`/auth/refresh` returns the token alone); the API checks the signature on every call.
 */
export function roleFromToken(token: string): "merchant" | "admin" | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(
      payload
        .replace(/-/g, "+")
        .replace(/_/g, "/")
        .padEnd(Math.ceil(payload.length / 4) * 4, "="),
    );
    const role = (JSON.parse(json) as { role?: unknown }).role;
    return role === "merchant" || role === "admin" ? role : null;
  } catch {
    return null;
  }
}
