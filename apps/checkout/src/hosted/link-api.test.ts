import { describe, expect, it } from "vitest";
import { NETWORK_MESSAGE } from "../error-messages.js";
import { loadLink } from "./link-api.js";

const answer = (status: number, body: unknown) => async () =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), { status });

describe("loadLink", () => {
  it("asks the public endpoint for the link and returns a payable link's checkout", async () => {
    let asked = "";
    const data = { key: "key_x", payment_link: { id: "plink_abcdefgh1234" } };
    const state = await loadLink("http://api.test", "plink_abcdefgh1234", async (url) => {
      asked = String(url);
      return new Response(JSON.stringify({ success: true, data }), { status: 200 });
    });
    expect(asked).toBe("http://api.test/api/v1/checkout/links/plink_abcdefgh1234");
    expect(state).toEqual({ name: "payable", checkout: data });
  });

  it("turns a 410 link_not_payable into the closed page's meta", async () => {
    const meta = { reason: "paid", payment_id: "pay_x" };
    const state = await loadLink(
      "http://api.test",
      "plink_x",
      answer(410, { success: false, exception: { type: "link_not_payable", description: "This link has been paid", meta } }),
    );
    expect(state).toEqual({ name: "closed", meta });
  });

  it("says plainly when the link does not exist, the network failed or the answer was not PayGate's", async () => {
    const notFound = await loadLink(
      "http://api.test",
      "plink_x",
      answer(404, { success: false, exception: { type: "not_found", description: "Payment link not found", meta: null } }),
    );
    expect(notFound).toMatchObject({ name: "error", message: expect.stringContaining("does not exist") });
    const offline = await loadLink("http://api.test", "plink_x", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(offline).toEqual({ name: "error", message: NETWORK_MESSAGE });
    const proxy = await loadLink("http://api.test", "plink_x", answer(502, "<html>Bad gateway</html>"));
    expect(proxy).toMatchObject({ name: "error", message: expect.stringContaining("502") });
  });
});
