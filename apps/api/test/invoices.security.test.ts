import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, keyAuth, type MerchantCredentials, startTestApi, type TestApi } from "./helpers.js";
import { createDraft, getInvoice, invoiceCall, sentInvoice } from "./invoice-helpers.js";

let api: TestApi;
let owner: MerchantCredentials;
let intruder: MerchantCredentials;
beforeAll(async () => {
  api = await startTestApi();
  owner = await api.registerMerchant("Owner");
  intruder = await api.registerMerchant("Intruder");
});
afterAll(() => api?.close());

describe("another merchant's invoice is not found", () => {
  it("on every invoice route, and nothing of the owner's changes", async () => {
    const draft = await createDraft(api, owner);
    const sent = await sentInvoice(api, owner);
    for (const invoice of [draft, sent]) {
      for (const [method, path, body] of [
        ["GET", `/invoices/${invoice.id}`, undefined],
        ["GET", `/invoices/${invoice.id}/pdf`, undefined],
        ["PATCH", `/invoices/${invoice.id}`, { notes: "mine now" }],
        ["POST", `/invoices/${invoice.id}/send`, undefined],
        ["POST", `/invoices/${invoice.id}/cancel`, undefined],
      ] as const) {
        for (const auth of [keyAuth(intruder), { bearer: intruder.access }]) {
          const response = await api.request(`/api/v1${path}`, { method, auth, ...(body ? { json: body } : {}) });
          await expectError(response, 404, "not_found").catch((error) => {
            throw new Error(`${method} ${path}: ${error.message}`);
          });
        }
      }
    }
    const { data } = await (await invoiceCall(api, intruder, "GET", "/invoices?limit=100")).json();
    expect(data.items).toEqual([]);
    expect(await getInvoice(api, owner, draft.id)).toEqual(draft);
    expect(await getInvoice(api, owner, sent.id)).toEqual(sent);
  });

  it("the intruder's numbering is its own", async () => {
    const mine = await sentInvoice(api, intruder);
    expect(mine.number).toBe("INV-000001");
  });
});

describe("the public hosted-page read", () => {
  it("carries no secret and no customer email, and needs no credentials", async () => {
    const sent = await sentInvoice(api, owner);
    const response = await api.request(`/api/v1/checkout/invoices/${sent.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin") ?? "*").toBe("*");
    const text = await response.text();
    expect(text).not.toContain(owner.api_secret);
    expect(text).not.toContain("asha@example.com");
    expect(text).not.toContain(owner.email);
    expect(text).not.toContain("webhook");
    expect(JSON.parse(text).data.key).toBe(owner.api_key);
  });

  it("the invoice routes need the merchant's credentials", async () => {
    const draft = await createDraft(api, owner);
    await expectError(await api.request(`/api/v1/invoices/${draft.id}`), 401, "unauthorized");
    await expectError(await api.request("/api/v1/invoices", { method: "POST", json: {} }), 401, "unauthorized");
    // The publishable key alone opens nothing of the merchant's API.
    await expectError(await api.request(`/api/v1/invoices/${draft.id}?key=${owner.api_key}`), 401, "unauthorized");
  });
});
