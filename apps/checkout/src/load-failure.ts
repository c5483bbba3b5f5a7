import type { CheckoutOrder } from "@paygate/contracts";
import { ApiRequestError, type CheckoutError } from "./api-client.js";
import { NETWORK_MESSAGE, shopperMessage } from "./error-messages.js";

/**
 * Why the checkout cannot take a payment (SPEC §10 `error`): plain words for the shopper, and
 * for the developer the SDK's `error` event, whose `description` names the cause (the SDK logs
 * it as "PayGate: …" and passes it to `onFailure`).
 */
export interface LoadFailure {
  shopper: string;
  error: CheckoutError;
}

interface Where {
  orderId: string;
  key: string;
  apiUrl: string;
}

const NOT_PAYABLE = { type: "order_not_payable", code: 1008 };
const NOT_FOUND_MESSAGE = "PayGate could not find this order. Go back to the shop and start again.";

/** A loaded order that accepts no payment: paid or cancelled. */
export function closedOrderFailure(order: CheckoutOrder["order"]): LoadFailure | undefined {
  if (order.status === "paid") {
    return {
      shopper: "This order has already been paid.",
      error: { ...NOT_PAYABLE, description: `Order ${order.id} is already paid: there is nothing left to pay` },
    };
  }
  if (order.status === "cancelled") {
    return {
      shopper: "This order was cancelled. Return to the shop to start again.",
      error: { ...NOT_PAYABLE, description: `Order ${order.id} was cancelled and accepts no payment` },
    };
  }
  return undefined;
}

/** The order could not be loaded: no answer, or an error answer from the API. */
export function loadFailure(thrown: unknown, { orderId, key, apiUrl }: Where): LoadFailure {
  if (!(thrown instanceof ApiRequestError)) {
    return {
      shopper: "This checkout could not be loaded. Reload the page and try again.",
      error: {
        type: "internal_error",
        code: 1500,
        description: `The checkout failed to load order ${orderId}: ${String(thrown)}`,
      },
    };
  }
  const { error, status, detail, param } = thrown;
  const event = (description: string): CheckoutError => ({ type: error.type, code: error.code, description });
  if (status === 0) {
    return {
      shopper: NETWORK_MESSAGE,
      error: event(`The checkout got no answer from the PayGate API at ${apiUrl}: is it running and reachable from the browser?`),
    };
  }
  if (error.type === "unauthorized") {
    return {
      shopper: shopperMessage(error, status),
      error: event(`Unknown key ${key}: pass your publishable api_key (key_test_… or key_live_…) to PaymentGateway.open`),
    };
  }
  if (error.type === "validation_error" && param === "order_id") {
    return {
      shopper: NOT_FOUND_MESSAGE,
      error: event(`${JSON.stringify(orderId)} is not an order id: pass the id POST /api/v1/orders returned (order_…)`),
    };
  }
  if (error.type === "validation_error" && param === "key") {
    return {
      shopper: shopperMessage({ type: "unauthorized", description: detail }, 401),
      error: event(`${JSON.stringify(key)} is not a publishable key: pass your api_key (key_test_… or key_live_…)`),
    };
  }
  if (error.type === "not_found") {
    return {
      shopper: NOT_FOUND_MESSAGE,
      error: event(`Order ${orderId} was not found for key ${key}: create it with POST /api/v1/orders as the same merchant`),
    };
  }
  return {
    shopper: error.type === "validation_error" ? NOT_FOUND_MESSAGE : shopperMessage(error, status),
    error: event(`The checkout could not load order ${orderId}: ${detail} (HTTP ${status})`),
  };
}
