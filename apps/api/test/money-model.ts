/**
 * The in-memory model of the money lifecycle that the model-based test runs beside the real API:
 * orders, payments and refunds as SPEC §5 and §13 describe them, with the workers' outcomes
 * applied at once (the test lets the real workers finish before comparing).
 */

export const AUTH_EXPIRY_S = 120 * 3600;
export const ACTION_TIMEOUT_S = 15 * 60;

export type EnteredCard = "success" | "three_ds" | "declined" | "refunds_fail";
/** The customer's cards saved before the run (SPEC §15), charged by the merchant without the shopper. */
export type SavedCard = "saved_success" | "saved_three_ds" | "saved_mit_declined" | "saved_refunds_fail";
export type CardKind = EnteredCard | SavedCard;
export const cardNumbers: Record<EnteredCard, string> = {
  success: "4242424242424242",
  three_ds: "4000002760003184",
  declined: "4000000000000002",
  refunds_fail: "4000000000005126",
};
export const savedCardNumbers: Record<SavedCard, string> = {
  saved_success: "4242424242424242",
  saved_three_ds: "4000002760003184",
  saved_mit_declined: "4000000000000341",
  saved_refunds_fail: "4000000000005126",
};
export const isSavedCard = (card: CardKind): card is SavedCard => card.startsWith("saved_");

export interface ModelOrder {
  id: string;
  amount: number;
  status: "created" | "attempted" | "paid" | "cancelled";
  amountPaid: number;
  /** The applied promo code's amount (0 without one): a payment takes amount − discount − amountPaid. */
  discount: number;
}

export interface ModelRefund {
  id: string;
  amount: number;
  status: "pending" | "processed" | "failed";
}

export interface ModelPayment {
  id: string;
  order: ModelOrder;
  amount: number;
  card: CardKind;
  capture: "automatic" | "manual";
  status: "requires_action" | "authorized" | "captured" | "failed" | "voided" | "refunded";
  errorCode: string | null;
  /** Model seconds when it was authorized / began waiting for 3-D Secure. */
  since: number;
  refunds: ModelRefund[];
}

export interface Model {
  /** Seconds the test clock moved since the run began. */
  now: number;
  orders: ModelOrder[];
  payments: ModelPayment[];
}

export const newModel = (): Model => ({ now: 0, orders: [], payments: [] });

export const isPayable = (order: ModelOrder) => order.status === "created" || order.status === "attempted";
const closedCode = (order: ModelOrder) => (order.status === "cancelled" ? "order_cancelled" : "order_already_paid");

function voidAuthorizations(model: Model, order: ModelOrder, code: string) {
  for (const payment of model.payments) {
    if (payment.order === order && payment.status === "authorized") Object.assign(payment, { status: "voided", errorCode: code });
  }
}

export function capture(model: Model, payment: ModelPayment) {
  payment.status = "captured";
  payment.order.status = "paid";
  payment.order.amountPaid += payment.amount;
  voidAuthorizations(model, payment.order, "order_already_paid");
}

export function authorize(model: Model, payment: ModelPayment) {
  if (!isPayable(payment.order)) {
    Object.assign(payment, { status: "failed", errorCode: closedCode(payment.order) });
    return;
  }
  Object.assign(payment, { status: "authorized", since: model.now });
  if (payment.capture === "automatic") capture(model, payment);
}

/** What a worker does with a new payment (its order was payable when it was created). */
export function processNew(model: Model, payment: ModelPayment) {
  if (payment.card === "declined" || payment.card === "saved_mit_declined") {
    Object.assign(payment, { status: "failed", errorCode: "card_declined" });
  } else if (payment.card === "saved_three_ds") {
    // Nobody is there to authenticate a merchant-initiated payment.
    Object.assign(payment, { status: "failed", errorCode: "authentication_required" });
  } else if (payment.card === "three_ds") Object.assign(payment, { status: "requires_action", since: model.now });
  else authorize(model, payment);
}

/** The model's promo code: 10 %, rounded half up, unlimited uses (SPEC §14). */
export const MODEL_CODE = { code: "MODEL-10", bps: 1000 };
export const modelDiscount = (amount: number) => Math.floor((amount * MODEL_CODE.bps * 2 + 10_000) / 20_000);

/** A code may be applied or removed only on a payable order with no payment in flight. */
export const discountChangeable = (model: Model, order: ModelOrder) =>
  isPayable(order) &&
  !model.payments.some(
    (payment) => payment.order === order && (payment.status === "requires_action" || payment.status === "authorized"),
  );

export function cancel(model: Model, order: ModelOrder) {
  order.status = "cancelled";
  voidAuthorizations(model, order, "order_cancelled");
}

/** What remains refundable: the captured amount less every refund that did not fail. */
export const refundable = (payment: ModelPayment) =>
  payment.amount - payment.refunds.filter((refund) => refund.status !== "failed").reduce((sum, refund) => sum + refund.amount, 0);

/** A worker processed the refund: card 5126's refunds fail (saved or not), every other one goes through. */
export function settleRefund(payment: ModelPayment, refund: ModelRefund) {
  refund.status = payment.card === "refunds_fail" || payment.card === "saved_refunds_fail" ? "failed" : "processed";
  if (amountRefunded(payment) >= payment.amount) payment.status = "refunded";
}

export const amountRefunded = (payment: ModelPayment) =>
  payment.refunds.filter((refund) => refund.status === "processed").reduce((sum, refund) => sum + refund.amount, 0);

/** The clock moved: authorizations and 3-D Secure waits past their deadline end. */
export function advance(model: Model, seconds: number) {
  model.now += seconds;
  for (const payment of model.payments) {
    if (payment.status === "authorized" && payment.since + AUTH_EXPIRY_S < model.now) {
      Object.assign(payment, { status: "voided", errorCode: "authorization_expired" });
    } else if (payment.status === "requires_action" && payment.since + ACTION_TIMEOUT_S < model.now) {
      Object.assign(payment, { status: "failed", errorCode: "authentication_timeout" });
    }
  }
}

/**
 * SPEC's payment transitions, written here independently of the implementation's table so the
 * test can catch a wrong table.
 */
const specTransitions: Record<string, string[]> = {
  pending: ["requires_action", "authorized", "failed"],
  requires_action: ["authorized", "failed"],
  authorized: ["captured", "voided"],
  captured: ["refunded"],
  failed: [],
  voided: [],
  refunded: [],
};

/** Whether `to` is `from` or reachable from it (a worker may take several steps between looks). */
export function reachable(from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift() ?? "";
    for (const next of specTransitions[at] ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen.has(to);
}
