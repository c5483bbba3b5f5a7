import type { PublicPayment } from "@paygate/contracts";
import { describe, expect, it, vi } from "vitest";
import { type ApiClient, ApiRequestError } from "./api-client.js";
import type { Bridge } from "./bridge.js";
import { createPaymentFlow, type Stage } from "./payment-flow.js";

const payment = (status: PublicPayment["status"], extra: Partial<PublicPayment> = {}): PublicPayment => ({
  id: "pay_1",
  order_id: "order_1",
  status,
  error_code: null,
  error_description: null,
  ...extra,
});

function setup(api: Partial<ApiClient>) {
  const sent: [string, unknown][] = [];
  const stages: Stage["name"][] = [];
  const bridge: Bridge = {
    embedded: true,
    send: (type, ...[payload]) => {
      sent.push([type, payload]);
    },
    onInit: () => () => {},
  };
  let keys = 0;
  const flow = createPaymentFlow({
    api: api as ApiClient,
    bridge,
    orderId: "order_1",
    onChange: (stage) => stages.push(stage.name),
    sleep: async () => {},
    newKey: () => `key-${++keys}`,
  });
  return { flow, sent, stages };
}

const card = { method: "card" as const, card: { number: "4242424242424242", expiry: "12/34", cvv: "123" } };

describe("payment flow", () => {
  it("polls until captured and reports the signed result", async () => {
    const getPayment = vi
      .fn()
      .mockResolvedValueOnce(payment("pending"))
      .mockResolvedValue(payment("captured", { signature: "abc" }));
    const { flow, sent, stages } = setup({ createPayment: vi.fn().mockResolvedValue(payment("pending")), getPayment });
    await flow.pay(card);
    expect(getPayment).toHaveBeenCalledTimes(2);
    expect(stages).toEqual(["processing", "processing", "succeeded"]);
    expect(sent).toEqual([
      ["payment.submitted", { payment_id: "pay_1", order_id: "order_1" }],
      ["payment.succeeded", { payment_id: "pay_1", order_id: "order_1", status: "captured", signature: "abc" }],
    ]);
  });

  it("says whether the money was captured, so only then is a receipt offered", async () => {
    const captured = setup({ createPayment: vi.fn().mockResolvedValue(payment("captured", { signature: "abc" })) });
    await captured.flow.pay(card);
    expect(captured.flow.stage).toEqual({ name: "succeeded", paymentId: "pay_1", captured: true });
    const authorized = setup({ createPayment: vi.fn().mockResolvedValue(payment("authorized", { signature: "abc" })) });
    await authorized.flow.pay(card);
    expect(authorized.flow.stage).toEqual({ name: "succeeded", paymentId: "pay_1", captured: false });
  });

  it("reports a decline, and a retry is a new payment with a new Idempotency-Key", async () => {
    const createPayment = vi.fn().mockResolvedValue(payment("pending"));
    const getPayment = vi
      .fn()
      .mockResolvedValueOnce(payment("failed", { error_code: "card_declined", error_description: "Declined by the issuer." }))
      .mockResolvedValue(payment("captured", { signature: "abc" }));
    const { flow, sent } = setup({ createPayment, getPayment });
    await flow.pay(card);
    expect(flow.stage).toEqual({
      name: "failed",
      paymentId: "pay_1",
      error: { type: "card_declined", code: 1011, description: "Declined by the issuer." },
    });
    expect(sent[1]?.[0]).toBe("payment.failed");
    flow.retry();
    await flow.pay(card);
    expect(createPayment.mock.calls.map((call) => call[1])).toEqual(["key-1", "key-2"]);
    expect(flow.stage.name).toBe("succeeded");
  });

  it("asks for the OTP, then follows the authenticated payment", async () => {
    const authenticate = vi.fn().mockResolvedValue(payment("captured", { signature: "abc" }));
    const { flow } = setup({ createPayment: vi.fn().mockResolvedValue(payment("requires_action")), authenticate });
    await flow.pay(card);
    expect(flow.stage).toEqual({ name: "otp", paymentId: "pay_1" });
    await flow.submitOtp("12");
    expect(flow.stage).toMatchObject({ name: "otp", error: expect.stringMatching(/digit/) });
    await flow.submitOtp("123456");
    expect(authenticate).toHaveBeenCalledWith("pay_1", "123456");
    expect(flow.stage.name).toBe("succeeded");
  });

  it("fails at once on a rejected request, without a payment id", async () => {
    const rejected = new ApiRequestError({ type: "invalid_card", code: 1009, description: "Bad card" }, 400);
    const { flow, sent } = setup({ createPayment: vi.fn().mockRejectedValue(rejected) });
    await flow.pay(card);
    expect(sent).toEqual([["payment.failed", { order_id: "order_1", error: rejected.error }]]);
  });

  it("rides out network blips while polling", async () => {
    const offline = new ApiRequestError({ type: "network_error", code: 0, description: "offline" }, 0);
    const getPayment = vi
      .fn()
      .mockRejectedValueOnce(offline)
      .mockRejectedValueOnce(offline)
      .mockResolvedValue(payment("captured", { signature: "abc" }));
    const { flow } = setup({ createPayment: vi.fn().mockResolvedValue(payment("pending")), getPayment });
    await flow.pay(card);
    expect(flow.stage.name).toBe("succeeded");
  });
});
