import { createHash } from "node:crypto";
import { getTableName, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../src/db/schema/index.js";
import { createRuntime, parseEnv } from "../src/index.js";
import { createLogger, type Logger } from "../src/lib/logger.js";
import { createTestDatabaseUrl, eventually } from "./helpers.js";

/** Saved for a customer: the vault keeps its behaviour, the payment method its last4. */
const SAVED_CARD = { number: "4000 0000 0000 0341", cvv: "264" };

const CARDS = [
  { number: "4242 4242 4242 4242", cvv: "739" },
  { number: "4000000000000002", cvv: "582" },
  { number: "4000002760003184", cvv: "946" },
  { number: "378282246310005", cvv: "7391" },
  { number: "4111111111111111", cvv: "815" },
];

/** Collects every log line the runtime writes, at debug level. */
function capturingLogger(lines: string[]): Logger {
  const base = createLogger("silent");
  const capture = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...fields }));
  };
  return { ...base, debug: capture("debug"), info: capture("info"), warn: capture("warn"), error: capture("error") };
}

describe("card data at rest and in logs", () => {
  const logs: string[] = [];
  let close: () => Promise<void>;
  let runtime: Awaited<ReturnType<typeof createRuntime>>;

  beforeAll(async () => {
    const database = await createTestDatabaseUrl();
    const config = parseEnv({
      TEST_MODE: "true",
      TEST_PROCESSING_DELAY: "0",
      LOG_LEVEL: "debug",
      RATE_LIMIT_API_PER_MIN: "100000",
      ...(database ? { DATABASE_URL: database.url } : {}),
    });
    runtime = await createRuntime(config, { logger: capturingLogger(logs) });
    close = async () => {
      await runtime.close();
      await database?.drop();
    };
  });
  afterAll(() => close?.());

  const sent: { path: string; text: string }[] = [];
  const dump: string[] = [];

  it("no PAN or CVV appears in any table or log line after payments, 3-D Secure and bad input", async () => {
    const auth = { "X-Api-Key": "key_test_abc123", "X-Api-Secret": "secret_test_xyz789", "Content-Type": "application/json" };
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      sent.push({ path, text });
      return runtime.app.request(path, { method: "POST", headers: { ...auth, ...headers }, body: text });
    };
    for (const [index, card] of CARDS.entries()) {
      const order = (await (await post("/api/v1/orders", { amount: 1000 + index })).json()).data;
      const expiry = "12/34";
      const response = await post(
        "/api/v1/payments",
        { order_id: order.id, method: "card", card: { ...card, expiry } },
        { "Idempotency-Key": `card-${index}` },
      );
      expect(response.status).toBe(201);
      // Invalid variants too (wrong Luhn, wrong CVV length, expired), which must not leak via errors or logs.
      await post("/api/v1/payments", {
        order_id: order.id,
        method: "card",
        card: { number: `${card.number.replace(/\s/g, "").slice(0, -1)}9`, cvv: card.cvv, expiry },
      });
      await post("/api/v1/payments", {
        order_id: order.id,
        method: "card",
        card: { number: card.number, cvv: `${card.cvv}1`, expiry: "01/20" },
      });
    }
    const publicPayment = await post(
      "/api/v1/payments/public",
      {
        key: "key_test_abc123",
        order_id: (await (await post("/api/v1/orders", { amount: 77 })).json()).data.id,
        method: "card",
        card: { number: "5555555555554444", cvv: "628", expiry: "11/33" },
      },
      { "Idempotency-Key": "public-card" },
    );
    expect(publicPayment.status).toBe(201);
    // A card saved for a customer (SPEC §15), then charged by the merchant from the vault.
    const customer = (await (await post("/api/v1/customers", { name: "Saver" })).json()).data;
    const saveOrder = (await (await post("/api/v1/orders", { amount: 88, customer_id: customer.id })).json()).data;
    const saving = await post(
      "/api/v1/payments/public",
      {
        key: "key_test_abc123",
        order_id: saveOrder.id,
        method: "card",
        card: { ...SAVED_CARD, expiry: "10/32" },
        save_card: true,
      },
      { "Idempotency-Key": "public-save-card" },
    );
    expect(saving.status).toBe(201);
    const savedId = await eventually(async () => {
      const response = await runtime.app.request(`/api/v1/customers/${customer.id}/payment_methods`, { headers: auth });
      return (await response.json()).data.items[0]?.id as string | undefined;
    });
    const chargeOrder = (await (await post("/api/v1/orders", { amount: 99, customer_id: customer.id })).json()).data;
    expect((await post("/api/v1/payments", { order_id: chargeOrder.id, payment_method: savedId })).status).toBe(201);
    await eventually(async () => {
      const { data } = await (await runtime.app.request("/api/v1/test/jobs/status")).json();
      return data.pending === 0 && data.processing === 0 ? true : undefined;
    });

    for (const table of Object.values(schema)) {
      if (typeof table !== "object" || !table || !("getSQL" in table)) continue;
      const name = getTableName(table as never);
      const rows = await runtime.database.db.execute(sql.raw(`select row_to_json(t)::text as row from "${name}" t`));
      const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { row: string }[];
      dump.push(...list.map((entry) => entry.row));
    }
    expect(dump.length).toBeGreaterThan(20);
    const text = `${dump.join("\n")}\n${logs.join("\n")}`;
    const secrets = [...CARDS, { number: "5555555555554444", cvv: "628" }, SAVED_CARD];
    for (const { number, cvv } of secrets) {
      const digits = number.replace(/\s/g, "");
      expect(text).not.toContain(digits);
      expect(text).not.toContain(number);
      expect(text).not.toContain(digits.slice(0, 12)); // no partial PAN beyond last4 either
      // A CVV would be stored as a value: a cell, a JSON value or a logged field equal to it.
      expect(text).not.toMatch(new RegExp(`[:=]\\s*"?${cvv}"?[,}\\s]`));
    }
    expect(text.toLowerCase()).not.toContain('"cvv"');
    const stored = dump.filter((row) => row.includes('"card_last4"'));
    expect(stored.some((row) => row.includes('"card_last4":"4242"'))).toBe(true);
    // The new tables were dumped too: the saved card and the simulator's vault entry behind it.
    expect(dump.some((row) => row.includes(`"id":"${savedId}"`) && row.includes('"card_last4":"0341"'))).toBe(true);
    expect(dump.some((row) => row.includes('"behaviour":"mit_declined"'))).toBe(true);
  });

  // Finding 1 of issue 11: `request_hash` was SHA-256 of the raw body, so PAN + CVV were
  // recoverable offline from it and the stored last4/expiry.
  it("no stored value is computable from the PAN/CVV without a server key (idempotency fingerprint is keyed)", () => {
    expect(sent.length).toBeGreaterThan(10);
    const secrets = [...CARDS, { number: "5555555555554444", cvv: "628" }, SAVED_CARD];
    const candidates: string[] = [];
    const hashes = (value: string) => {
      for (const encoding of ["hex", "base64", "base64url"] as const)
        candidates.push(createHash("sha256").update(value).digest(encoding));
    };
    for (const { path, text } of sent) {
      hashes(text);
      hashes(`POST ${path}\n${text}`);
      hashes(`POST ${path}${text}`);
    }
    for (const { number, cvv } of secrets) {
      const digits = number.replace(/\s/g, "");
      for (const variant of [digits, number, cvv, `${digits}${cvv}`, `${digits}|${cvv}`, `${digits}:${cvv}`]) hashes(variant);
    }
    const stored = dump.join("\n");
    expect(stored).toContain("request_hash");
    const found = candidates.filter((candidate) => stored.includes(candidate));
    expect(found).toEqual([]);
  });
});
