import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrder, insertOrder, openShopDatabase, revertPendingRefund, type ShopDatabase, transitionOrder } from "./db.js";

let database: ShopDatabase;

beforeAll(async () => {
  database = await openShopDatabase();
  await database.db.query(`insert into shop_users (id, email, password_hash, role) values ('usr_1', 'a@b.test', 'x', 'shopper')`);
});

afterAll(() => database?.close());

async function order(id: string) {
  await insertOrder(database.db, {
    id,
    user_id: "usr_1",
    items: [],
    amount: 100,
    currency: "INR",
    paygate_order_id: `order_${id}`,
    paygate_invoice_id: null,
  });
}

describe("order transitions", () => {
  it("move only from the allowed statuses, logging each real change once", async () => {
    await order("o1");
    expect(await transitionOrder(database.db, { id: "o1" }, ["paid"], "confirmed", {}, "admin@x")).toBeNull();
    expect(await transitionOrder(database.db, { paygateOrderId: "order_o1" }, ["awaiting_payment"], "paid")).toBeTypeOf("number");
    // A note-only change (same status) moves nothing and logs nothing.
    expect(await transitionOrder(database.db, { id: "o1" }, ["paid"], "paid", { note: "hi" })).toBeNull();
    const row = await getOrder(database.db, "o1", "all");
    expect(row).toMatchObject({ status: "paid", note: "hi" });
    expect(row?.history.map(({ from, to, by }) => [from, to, by])).toEqual([["awaiting_payment", "paid", "PayGate"]]);
  });

  it("puts a failed refund back to the status the order had before it (refund.failed by PayGate order id)", async () => {
    await order("o2");
    await transitionOrder(database.db, { id: "o2" }, ["awaiting_payment"], "paid");
    await transitionOrder(database.db, { id: "o2" }, ["paid"], "confirmed", {}, "admin@x");
    await transitionOrder(database.db, { id: "o2" }, ["confirmed"], "shipped", { tracking_number: "T1" }, "admin@x");
    await transitionOrder(database.db, { id: "o2" }, ["shipped"], "refund_pending", {}, "admin@x");
    expect(await revertPendingRefund(database.db, { paygateOrderId: "order_o2" }, "failed")).toBe(true);
    expect(await revertPendingRefund(database.db, { paygateOrderId: "order_o2" }, "again")).toBe(false);
    const row = await getOrder(database.db, "o2", "all");
    expect(row).toMatchObject({ status: "shipped", note: "failed", tracking_number: "T1" });
    expect(row?.history.at(-1)).toMatchObject({ from: "refund_pending", to: "shipped", by: "PayGate" });
  });

  it("scopes reads to the owner", async () => {
    await order("o3");
    expect(await getOrder(database.db, "o3", { userId: "usr_2" })).toBeNull();
    expect(await getOrder(database.db, "o3", { userId: "usr_1" })).not.toBeNull();
  });
});
