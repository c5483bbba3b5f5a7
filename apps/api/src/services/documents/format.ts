import { type Currency, formatAmount } from "@paygate/contracts";

/** Money as the shopper reads it, e.g. `₹1,234.50`, `¥1,500`, `KWD 1.500` (the contracts' one formatter). */
export function formatMoney(amount: number, currency: Currency): string {
  return formatAmount(amount, currency);
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** `2 Dec 2026` for an ISO timestamp or a `YYYY-MM-DD` date, in UTC (documents show UTC dates). */
export function formatDate(value: string): string {
  return dateFormat.format(new Date(value.length === 10 ? `${value}T00:00:00Z` : value));
}

/** `2 Dec 2026, 14:05 UTC`. */
export function formatDateTime(value: string): string {
  return `${dateTimeFormat.format(new Date(value))} UTC`;
}

/** `18%` or `12.5%` from basis points. */
export function formatPercent(bps: number): string {
  return `${bps % 100 === 0 ? bps / 100 : (bps / 100).toFixed(2).replace(/0$/, "")}%`;
}

const methodNames: Record<string, string> = { card: "Card", upi: "UPI", netbanking: "Netbanking", wallet: "Wallet" };

/** `Visa •••• 4242`, `UPI (success@paygate)`, `Netbanking (HDFC)`. */
export function describeMethod(doc: {
  method: string;
  card?: { network: string; last4: string } | null;
  vpa?: string | null;
  bank?: string | null;
  wallet?: string | null;
}): string {
  if (doc.card) return `${capitalize(doc.card.network)} ending ${doc.card.last4}`;
  const name = methodNames[doc.method] ?? doc.method;
  const detail = doc.vpa ?? doc.bank ?? doc.wallet;
  return detail ? `${name} (${detail})` : name;
}

function capitalize(word: string): string {
  return word.length === 0 ? word : word[0]?.toUpperCase() + word.slice(1);
}
