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

describe("paygate.invoices against the real API", () => {
  it("create, update, send, get, list, pdf; paid by its order; a paid one cannot be cancelled", async () => {
    const draft = await paygate.invoices.create(
      {
        customer: { name: "Asha Rao", email: "asha@example.com" },
        line_items: [{ name: "Tea", quantity: 3, unit_amount: 333 }],
        tax_bps: 1800,
      },
      { idempotencyKey: "invoice-1" },
    );
    expect(draft).toMatchObject({ status: "draft", subtotal: 999, tax_amount: 180, total: 1179, number: null });
    const updated = await paygate.invoices.update(draft.id, { notes: "Thanks" });
    expect(updated.notes).toBe("Thanks");
    const sent = await paygate.invoices.send(draft.id);
    expect(sent.number).toMatch(/^INV-\d{6}$/);
    expect(sent.url).toMatch(new RegExp(`/i/${draft.id}$`));
    expect((await paygate.invoices.list({ status: "sent" })).items.map((item) => item.id)).toContain(draft.id);

    const pdf = await paygate.invoices.pdf(draft.id);
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");

    await paygate.payments.create({ order_id: sent.order_id ?? "", method: "upi", vpa: "success@paygate" });
    await eventually(async () => ((await paygate.invoices.get(draft.id)).status === "paid" ? true : undefined));
    const refused = await paygate.invoices.cancel(draft.id).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PayGateError);
    expect(refused).toMatchObject({ type: "invoice_state_invalid", status: 409, code: 1024 });
    const missing = await paygate.invoices.pdf("inv_doesnotexist000").then(
      () => null,
      (error: unknown) => error,
    );
    expect(missing).toMatchObject({ type: "not_found", status: 404 });
  });
});
