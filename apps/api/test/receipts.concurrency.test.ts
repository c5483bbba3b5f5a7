import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./helpers.js";
import { post } from "./money-helpers.js";
import { payOrder } from "./receipt-helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe("receipt numbering under concurrency", () => {
  it("20 parallel captures for one merchant take RCPT-000001…000020: no gap, no duplicate", async () => {
    const shop = await api.registerMerchant();
    const authorized = [];
    for (let i = 0; i < 20; i++)
      authorized.push(await payOrder(api, shop, { status: "authorized", payment: { capture: "manual" } }));
    const captured = await Promise.all(
      authorized.map(async (payment) => {
        const response = await post(api, shop, `/payments/${payment.id}/capture`);
        expect(response.status).toBe(200);
        return (await response.json()).data as { receipt_number: string };
      }),
    );
    const numbers = captured.map((payment) => payment.receipt_number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `RCPT-${String(i + 1).padStart(6, "0")}`));
  });
});
