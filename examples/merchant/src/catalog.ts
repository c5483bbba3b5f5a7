import { type Currency, formatAmount } from "@paygate/contracts";

/** The shop's products. Prices are integer minor units, like every amount in PayGate. */
export const CURRENCY: Currency = "INR";

export const products = [
  { id: "masala-chai", name: "Masala chai (250 g)", price: 34900, color: "#b45309" },
  { id: "filter-coffee", name: "Filter coffee (500 g)", price: 52000, color: "#5b3a29" },
  { id: "brass-tumbler", name: "Brass tumbler set", price: 129900, color: "#ca8a04" },
  { id: "jaggery-cookies", name: "Jaggery cookies", price: 19950, color: "#92400e" },
] as const;

export type ProductId = (typeof products)[number]["id"];

export function findProduct(id: string) {
  return products.find((product) => product.id === id);
}

export function display(amount: number, currency: string = CURRENCY): string {
  return formatAmount(amount, currency as Currency);
}

/** What the shop sells by subscription: charged every `interval` with the card the shopper saved. */
export const plans = [
  {
    id: "chai-club",
    name: "Chai club",
    description: "250 g of the month's masala chai, delivered monthly",
    price: 49900,
    interval: "month",
  },
] as const;

export function findPlan(id: string) {
  return plans.find((plan) => plan.id === id);
}
