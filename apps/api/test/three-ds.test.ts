import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { SUCCESS_CARD, THREE_DS_CARD } from "./money-helpers.js";
import { createOrder, createPayment } from "./payment-helpers.js";

/**
 * Issue 19 item 7: 3-D Secure like a real challenge. The acquirer's "authenticate first" comes
 * back before the processing delay, so the OTP step is there at once; the delay still applies
 * to every payment the acquirer authorizes without a challenge.
 */
describe("3-D Secure with a long processing delay", () => {
  let api: TestApi;
  let merchant: MerchantCredentials;
  beforeAll(async () => {
    // Far longer than the test waits: a payment that needs the delay stays pending throughout.
    api = await startTestApi({ TEST_PROCESSING_DELAY: "600000" });
    merchant = await api.registerMerchant();
  });
  afterAll(() => api?.close());

  const payment = async (id: string) =>
    (await (await api.request(`/api/v1/payments/${id}`, { auth: keyAuth(merchant) })).json()).data as {
      status: string;
      order_id: string;
    };

  it("the 3-D Secure card reaches requires_action without waiting the delay; the OTP then pays it", async () => {
    const plain = await (
      await createPayment(api, merchant, { order_id: (await createOrder(api, merchant)).id, method: "card", card: SUCCESS_CARD })
    ).json();
    const order = await createOrder(api, merchant);
    const created = await (
      await createPayment(api, merchant, { order_id: order.id, method: "card", card: THREE_DS_CARD })
    ).json();
    expect(created.data.status).toBe("pending");

    await eventually(async () => ((await payment(created.data.id)).status === "requires_action" ? true : undefined));
    // The card without a challenge is still waiting out its delay.
    expect((await payment(plain.data.id)).status).toBe("pending");

    const authenticated = await api.request(`/api/v1/payments/${created.data.id}/public/authenticate`, {
      method: "POST",
      json: { key: merchant.api_key, otp: "123456" },
    });
    expect(authenticated.status).toBe(200);
    expect((await authenticated.json()).data.status).toBe("captured");
    const paidOrder = (await (await api.request(`/api/v1/orders/${order.id}`, { auth: keyAuth(merchant) })).json()).data;
    expect(paidOrder).toMatchObject({ status: "paid", amount_paid: order.amount });
  });

  it("the action timeout is still scheduled: the test clock past it fails the payment", async () => {
    const order = await createOrder(api, merchant);
    const created = await (
      await createPayment(api, merchant, { order_id: order.id, method: "card", card: THREE_DS_CARD })
    ).json();
    await eventually(async () => ((await payment(created.data.id)).status === "requires_action" ? true : undefined));
    const advanced = await api.request("/api/v1/test/clock/advance", {
      method: "POST",
      auth: keyAuth(merchant),
      json: { seconds: 16 * 60 },
    });
    expect(advanced.status).toBe(200);
    expect(await payment(created.data.id)).toMatchObject({ status: "failed" });
  });
});
