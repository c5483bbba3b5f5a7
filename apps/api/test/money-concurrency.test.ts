import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { authorizedPayment, eventTypesFor, getJson, orderPayments, post } from "./money-helpers.js";
import { createOrder } from "./payment-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

type Op = { kind: "capture" | "void"; paymentId: string } | { kind: "cancel" };

describe("20 parallel voids, captures and cancels on one order", () => {
  it.each([1, 2, 3])("end in one coherent outcome (mix %i)", async (mix) => {
    const order = await createOrder(api, merchant, 2500);
    const authorized = [];
    for (let i = 0; i < 4; i++) authorized.push(await authorizedPayment(api, merchant, order.id));
    const ids = authorized.map((p) => p.id);
    // A different interleaving of the same kinds of request per mix.
    const ops: Op[] = Array.from({ length: 20 }, (_, i) => {
      const kind = (["capture", "void", "cancel"] as const)[(i * mix + mix) % 3] ?? "cancel";
      const paymentId = ids[(i * (mix + 1)) % ids.length] ?? "";
      return kind === "cancel" ? { kind } : { kind, paymentId };
    });
    const responses = await Promise.all(
      ops.map(async (op) => {
        const response =
          op.kind === "cancel"
            ? await post(api, merchant, `/orders/${order.id}/cancel`)
            : await post(api, merchant, `/payments/${op.paymentId}/${op.kind}`);
        const body = await response.json();
        return { op, status: response.status, type: body.exception?.type as string | undefined };
      }),
    );
    for (const r of responses) expect([200, 409]).toContain(r.status);

    const finalOrder = await getJson<{ status: string; amount_paid: number }>(api, merchant, `/orders/${order.id}`);
    const payments = await orderPayments(api, merchant, order.id);
    const captured = payments.filter((p) => p.status === "captured");
    const capturesOk = responses.filter((r) => r.op.kind === "capture" && r.status === 200);
    const cancelsOk = responses.filter((r) => r.op.kind === "cancel" && r.status === 200);
    const voidsOk = responses.filter((r) => r.op.kind === "void" && r.status === 200);

    expect(captured.length).toBeLessThanOrEqual(1);
    // Every payment ended captured or voided: nothing is left authorized on a closed order.
    for (const p of payments) expect(["captured", "voided", "authorized"]).toContain(p.status);
    if (captured.length === 1) {
      expect(finalOrder).toMatchObject({ status: "paid", amount_paid: 2500 });
      expect(cancelsOk).toHaveLength(0);
      expect(new Set(capturesOk.map((r) => (r.op.kind === "capture" ? r.op.paymentId : "")))).toEqual(new Set([captured[0]?.id]));
      for (const p of payments.filter((p) => p.status !== "captured")) expect(p.status).toBe("voided");
    } else {
      expect(capturesOk).toHaveLength(0);
      expect(finalOrder.amount_paid).toBe(0);
      if (cancelsOk.length > 0) {
        expect(finalOrder.status).toBe("cancelled");
        for (const p of payments) expect(p.status).toBe("voided");
      }
    }
    // A void answered 200 is the only void of that payment, and it was the merchant's.
    const voidedByMerchant = new Set(voidsOk.map((r) => (r.op.kind === "void" ? r.op.paymentId : "")));
    expect(voidedByMerchant.size).toBe(voidsOk.length);
    for (const id of voidedByMerchant) {
      expect(payments.find((p) => p.id === id)).toMatchObject({ status: "voided", error_code: null });
    }
    for (const p of payments) {
      const types = await eventTypesFor(api, p.id);
      expect(types.filter((t) => t === "payment.voided").length).toBe(p.status === "voided" ? 1 : 0);
      expect(types.filter((t) => t === "payment.captured").length).toBe(p.status === "captured" ? 1 : 0);
    }
  });
});
