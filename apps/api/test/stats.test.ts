import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { capturedPaymentIn, createRefund, settledRefund } from "./payment-helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const paidOrder = (m: MerchantCredentials, amount: number, currency: string) => capturedPaymentIn(api, m, amount, currency);

async function refundOf(m: MerchantCredentials, paymentId: string, amount: number) {
  const refund = await createRefund(api, m, paymentId, amount);
  expect((await settledRefund(api, m, refund.id)).status).toBe("processed");
}

const stats = async (m: MerchantCredentials, query = "") => {
  const response = await api.request(`/api/v1/merchants/stats${query}`, { auth: keyAuth(m) });
  return { status: response.status, body: await response.json() };
};

describe("merchant stats per currency (SPEC §5)", () => {
  let m: MerchantCredentials;
  beforeAll(async () => {
    m = await api.registerMerchant();
    const inr = await paidOrder(m, 50_000, "INR");
    await paidOrder(m, 1_500, "JPY");
    await paidOrder(m, 2_500, "JPY");
    const kwd = await paidOrder(m, 12_345, "KWD");
    await refundOf(m, inr.id, 10_000);
    await refundOf(m, kwd.id, 345);
  });

  it("never adds INR, JPY and KWD amounts into one number", async () => {
    const { body } = await stats(m);
    // Before: total_volume was 50000 + 1500 + 2500 + 12345 — a number in no currency.
    expect(body.data.currency).toBe("INR");
    expect(body.data.total_volume).toBe(50_000);
    expect(body.data.refunded_volume).toBe(10_000);
    expect(body.data.by_currency).toEqual([
      { currency: "INR", successful_payments: 1, total_volume: 50_000, refunded_volume: 10_000 },
      { currency: "JPY", successful_payments: 2, total_volume: 4_000, refunded_volume: 0 },
      { currency: "KWD", successful_payments: 1, total_volume: 12_345, refunded_volume: 345 },
    ]);
  });

  it("reports the volumes of ?currency= and still lists every currency", async () => {
    const { body } = await stats(m, "?currency=JPY");
    expect(body.data).toMatchObject({ currency: "JPY", total_volume: 4_000, refunded_volume: 0 });
    expect(body.data.by_currency.map((row: { currency: string }) => row.currency)).toEqual(["INR", "JPY", "KWD"]);
    const kwd = (await stats(m, "?currency=KWD")).body.data;
    expect(kwd).toMatchObject({ currency: "KWD", total_volume: 12_345, refunded_volume: 345 });
  });

  it("bounds the period with from and to", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const inPeriod = (await stats(m, `?from=${today}&to=${today}`)).body.data;
    expect(inPeriod.by_currency).toHaveLength(3);
    expect(inPeriod.total_orders).toBe(4);
    const past = (await stats(m, "?from=2020-01-01&to=2020-12-31")).body.data;
    expect(past).toMatchObject({ total_orders: 0, successful_payments: 0, total_volume: 0, by_currency: [] });
    const future = (await stats(m, "?from=2999-01-01")).body.data;
    expect(future.total_orders).toBe(0);
  });

  it("refuses a bad currency or period with a 400", async () => {
    for (const query of [
      "?currency=inr",
      "?currency=XXX",
      "?from=yesterday",
      "?from=2026-02-30",
      "?from=2026-05-02&to=2026-05-01",
      "?extra=1",
    ]) {
      const response = await api.request(`/api/v1/merchants/stats${query}`, { auth: keyAuth(m) });
      await expectError(response, 400, "validation_error");
    }
  });
});
