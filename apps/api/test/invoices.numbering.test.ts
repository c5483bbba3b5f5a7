import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { createDraft, getInvoice, invoiceCall, sentInvoice } from "./invoice-helpers.js";

let api: TestApi;
let merchant: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  merchant = await api.registerMerchant();
});
afterAll(() => api?.close());

const expectedNumbers = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => `INV-${String(from + index).padStart(6, "0")}`);

describe("gapless per-merchant invoice numbers", () => {
  it("20 parallel sends → INV-000001 … INV-000020, no gap, no duplicate", async () => {
    const drafts = [];
    for (let index = 0; index < 20; index++) drafts.push(await createDraft(api, merchant));
    const responses = await Promise.all(drafts.map((draft) => invoiceCall(api, merchant, "POST", `/invoices/${draft.id}/send`)));
    expect(responses.map((response) => response.status)).toEqual(drafts.map(() => 200));
    const numbers = await Promise.all(responses.map(async (response) => (await response.json()).data.number as string));
    expect([...numbers].sort()).toEqual(expectedNumbers(1, 20));
  });

  it("parallel sends of the same draft: one wins, the number is not spent by the others", async () => {
    const draft = await createDraft(api, merchant);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => invoiceCall(api, merchant, "POST", `/invoices/${draft.id}/send`)),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect((await getInvoice(api, merchant, draft.id)).number).toBe("INV-000021");
    expect((await sentInvoice(api, merchant)).number).toBe("INV-000022");
  });

  it("a cancelled invoice keeps its number; the next send takes the next one", async () => {
    const sent = await sentInvoice(api, merchant);
    expect(sent.number).toBe("INV-000023");
    await invoiceCall(api, merchant, "POST", `/invoices/${sent.id}/cancel`);
    expect((await getInvoice(api, merchant, sent.id)).number).toBe("INV-000023");
    expect((await sentInvoice(api, merchant)).number).toBe("INV-000024");
  });

  it("a send that fails (a zero total, 100 % off) spends no number", async () => {
    const code = await invoiceCall(api, merchant, "POST", "/discounts", { code: "ALLFREE", type: "percentage", value: 10_000 });
    expect(code.status).toBe(201);
    const draft = await createDraft(api, merchant, { discount_code: "ALLFREE" });
    expect(draft.total).toBe(0);
    const response = await invoiceCall(api, merchant, "POST", `/invoices/${draft.id}/send`);
    expect(response.status).toBe(409);
    expect((await response.json()).exception.type).toBe("invoice_state_invalid");
    expect((await getInvoice(api, merchant, draft.id)).number).toBeNull();
    expect((await sentInvoice(api, merchant)).number).toBe("INV-000025");
  });
});
