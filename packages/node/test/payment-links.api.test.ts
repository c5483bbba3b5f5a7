import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPayGateClient, type PayGateClient, PayGateError } from "../src/index.js";
import { eventually, type RunningApi, startApi, TEST_KEY, TEST_SECRET } from "./api-server.js";

let api: RunningApi;
let paygate: PayGateClient;

beforeAll(async () => {
  api = await startApi();
  paygate = createPayGateClient({ apiKey: TEST_KEY, apiSecret: TEST_SECRET, apiUrl: api.url });
});
afterAll(() => api?.close());

describe("paygate.paymentLinks against the real API", () => {
  it("create, get, list, cancel; a paid link cannot be cancelled (410 link_not_payable)", async () => {
    const link = await paygate.paymentLinks.create(
      { amount: 1999, description: "Gift card", customer: { email: "a@example.com" } },
      { idempotencyKey: "link-1" },
    );
    expect(link).toMatchObject({ amount: 1999, currency: "INR", status: "created", customer: { email: "a@example.com" } });
    expect(link.url).toMatch(new RegExp(`/l/${link.id}$`));
    expect(
      (
        await paygate.paymentLinks.create(
          { amount: 1999, description: "Gift card", customer: { email: "a@example.com" } },
          { idempotencyKey: "link-1" },
        )
      ).id,
    ).toBe(link.id);
    expect(await paygate.paymentLinks.get(link.id)).toEqual(link);
    expect((await paygate.paymentLinks.list({ status: "created" })).items.map((item) => item.id)).toContain(link.id);
    expect(await paygate.paymentLinks.cancel(link.id)).toMatchObject({ id: link.id, status: "cancelled" });
    expect((await paygate.orders.get(link.order_id)).status).toBe("cancelled");

    const toPay = await paygate.paymentLinks.create({ amount: 500, description: "Paid" });
    await paygate.payments.create({ order_id: toPay.order_id, method: "upi", vpa: "success@paygate" });
    await eventually(async () => ((await paygate.paymentLinks.get(toPay.id)).status === "paid" ? true : undefined));
    const refused = await paygate.paymentLinks.cancel(toPay.id).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PayGateError);
    expect(refused).toMatchObject({ type: "link_not_payable", status: 410, code: 1025 });
  });
});
