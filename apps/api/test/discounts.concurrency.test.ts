import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCode, createDiscount, getDiscount, postOrder, removeCode } from "./discount-helpers.js";
import { type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi({}, { startWorkers: false });
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const N = 20;

describe("reserving the last use of a code under concurrency", () => {
  it(`${N} concurrent checkout applications with one use left → exactly one succeeds`, async () => {
    const code = await createDiscount(api, merchant, { code: "LAST-ONE", type: "percentage", value: 1000, max_uses: 3 });
    // Two uses already taken: one left.
    for (let i = 0; i < 2; i++)
      expect((await postOrder(api, merchant, { amount: 1000, discount_code: "LAST-ONE" })).status).toBe(201);
    const orders = [];
    for (let i = 0; i < N; i++) orders.push((await (await postOrder(api, merchant, { amount: 10000 })).json()).data.id as string);

    const responses = await Promise.all(orders.map((id) => applyCode(api, merchant, id, "LAST-ONE")));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const [i, response] of responses.entries()) {
      if (response.status === 200) continue;
      expect(response.status).toBe(409);
      expect(bodies[i].exception).toMatchObject({ type: "discount_invalid", meta: { reason: "exhausted" } });
    }
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(3);
    const live = (await api.runtime.database.db.query.discountRedemptions.findMany()).filter(
      (r) => r.discountId === code.id && r.status !== "released",
    );
    expect(live).toHaveLength(3);

    // The winner removes it: the use is free again, and exactly one of N more takes it.
    const winnerIndex = responses.findIndex((r) => r.status === 200);
    expect((await removeCode(api, merchant, orders[winnerIndex] ?? "")).status).toBe(200);
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(2);
    const second = await Promise.all(
      Array.from({ length: N }, () => postOrder(api, merchant, { amount: 10000, discount_code: "LAST-ONE" })),
    );
    expect(second.filter((r) => r.status === 201)).toHaveLength(1);
    expect(second.filter((r) => r.status === 409)).toHaveLength(N - 1);
    expect((await getDiscount(api, merchant, code.id)).times_used).toBe(3);
  });

  it(`${N} concurrent applications by one customer of a once-per-customer code → exactly one succeeds`, async () => {
    await createDiscount(api, merchant, { code: "ONE-EACH", type: "percentage", value: 1000, max_uses_per_customer: 1 });
    const orders = [];
    for (let i = 0; i < N; i++) orders.push((await (await postOrder(api, merchant, { amount: 10000 })).json()).data.id as string);
    const responses = await Promise.all(orders.map((id) => applyCode(api, merchant, id, "ONE-EACH", "same@example.com")));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(N - 1);
  });
});
