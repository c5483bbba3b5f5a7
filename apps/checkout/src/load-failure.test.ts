import { describe, expect, it } from "vitest";
import { ApiRequestError } from "./api-client.js";
import { NETWORK_MESSAGE } from "./error-messages.js";
import { closedOrderFailure, loadFailure } from "./load-failure.js";

const where = { orderId: "order_abc123xyz", key: "key_test_abc123", apiUrl: "http://localhost:8000" };
const order = (status: "created" | "attempted" | "paid" | "cancelled") => ({
  id: "order_abc123xyz",
  amount: 50000,
  currency: "INR" as const,
  status,
  amount_due: status === "paid" ? 0 : 50000,
  discount: null,
});
const answered = (type: string, code: number, status: number, description: string, param: string | null = null) =>
  new ApiRequestError({ type, code, description: "shown to the shopper" }, status, description, param);

describe("closedOrderFailure", () => {
  it("a paid order: plain words for the shopper, the order named for the developer", () => {
    expect(closedOrderFailure(order("paid"))).toEqual({
      shopper: "This order has already been paid.",
      error: {
        type: "order_not_payable",
        code: 1008,
        description: "Order order_abc123xyz is already paid: there is nothing left to pay",
      },
    });
  });

  it("a cancelled order", () => {
    expect(closedOrderFailure(order("cancelled"))).toMatchObject({
      shopper: "This order was cancelled. Return to the shop to start again.",
      error: { type: "order_not_payable", code: 1008, description: "Order order_abc123xyz was cancelled and accepts no payment" },
    });
  });

  it("a payable order is no failure", () => {
    expect(closedOrderFailure(order("created"))).toBeUndefined();
    expect(closedOrderFailure(order("attempted"))).toBeUndefined();
  });
});

describe("loadFailure", () => {
  it("no answer: 'We could not reach PayGate' for the shopper; the API URL for the developer", () => {
    const failure = loadFailure(new ApiRequestError({ type: "network_error", code: 0, description: NETWORK_MESSAGE }, 0), where);
    expect(failure.shopper).toBe(NETWORK_MESSAGE);
    expect(failure.error).toMatchObject({ type: "network_error", code: 0 });
    expect(failure.error.description).toContain("no answer from the PayGate API at http://localhost:8000");
  });

  it("an unknown key names the key", () => {
    const failure = loadFailure(answered("unauthorized", 1002, 401, "Unknown publishable key", "key"), where);
    expect(failure.shopper).toContain("PayGate did not accept the shop's key");
    expect(failure.error).toMatchObject({ type: "unauthorized", code: 1002 });
    expect(failure.error.description).toMatch(/^Unknown key key_test_abc123: pass your publishable api_key/);
  });

  it("a malformed order id: the shopper never reads the validation message", () => {
    const failure = loadFailure(
      answered("validation_error", 1000, 400, "order_id: must be an order id like order_…", "order_id"),
      { ...where, orderId: "123" },
    );
    expect(failure.shopper).toBe("PayGate could not find this order. Go back to the shop and start again.");
    expect(failure.shopper).not.toMatch(/must be|order_id/);
    expect(failure.error.description).toBe('"123" is not an order id: pass the id POST /api/v1/orders returned (order_…)');
  });

  it("an unknown order names the order and the key", () => {
    const failure = loadFailure(answered("not_found", 1006, 404, "Order not found", "id"), where);
    expect(failure.shopper).toContain("could not find this order");
    expect(failure.error.description).toBe(
      "Order order_abc123xyz was not found for key key_test_abc123: create it with POST /api/v1/orders as the same merchant",
    );
  });

  it("any other answer keeps the API's description for the developer, and the status", () => {
    const failure = loadFailure(answered("rate_limited", 1005, 429, "Rate limit of 60 requests per minute exceeded"), where);
    expect(failure.shopper).toContain("Too many attempts");
    expect(failure.error.description).toBe(
      "The checkout could not load order order_abc123xyz: Rate limit of 60 requests per minute exceeded (HTTP 429)",
    );
  });
});
