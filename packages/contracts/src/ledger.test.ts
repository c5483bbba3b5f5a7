import { describe, expect, it } from "vitest";
import { merchantFeesPatchSchema, merchantStatsQuerySchema, periodEnd, periodStart, webhookEventSchema } from "./index.js";

describe("stats period", () => {
  it("a date-only bound covers that whole UTC day; a date-time is exact", () => {
    expect(periodStart("2026-05-01").toISOString()).toBe("2026-05-01T00:00:00.000Z");
    expect(periodEnd("2026-05-01").toISOString()).toBe("2026-05-02T00:00:00.000Z");
    expect(periodEnd("2026-05-01T10:00:00Z").toISOString()).toBe("2026-05-01T10:00:00.001Z");
  });

  it("defaults the currency to INR and refuses from after to", () => {
    expect(merchantStatsQuerySchema.parse({})).toEqual({ currency: "INR" });
    expect(merchantStatsQuerySchema.safeParse({ from: "2026-05-01", to: "2026-05-01" }).success).toBe(true);
    expect(merchantStatsQuerySchema.safeParse({ from: "2026-05-02", to: "2026-05-01" }).success).toBe(false);
    expect(merchantStatsQuerySchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
  });
});

describe("fee override", () => {
  it("needs at least one field; null clears; integers in range only", () => {
    expect(merchantFeesPatchSchema.safeParse({}).success).toBe(false);
    expect(merchantFeesPatchSchema.parse({ fee_bps: null })).toEqual({ fee_bps: null });
    expect(merchantFeesPatchSchema.safeParse({ fee_bps: 10_001 }).success).toBe(false);
    expect(merchantFeesPatchSchema.safeParse({ fee_fixed: 2.5 }).success).toBe(false);
  });
});

describe("webhook events", () => {
  it("tells a settlement event from a payment event by its type", () => {
    const settlement = {
      id: "setl_abcdefghijkl",
      currency: "JPY",
      amount: 1470,
      status: "processed",
      transaction_count: 1,
      period_start: "2026-05-01T00:00:00.000Z",
      period_end: "2026-05-03T06:00:00.000Z",
      created_at: "2026-05-03T06:00:00.000Z",
    };
    const event = webhookEventSchema.parse({
      id: "evt_x",
      type: "settlement.processed",
      created_at: "2026-05-03T06:00:00.000Z",
      data: { settlement },
    });
    expect(event.type === "settlement.processed" && event.data.settlement.amount).toBe(1470);
    // A settlement event carrying a payment instead is not one.
    expect(webhookEventSchema.safeParse({ ...event, data: { payment: {} } }).success).toBe(false);
  });
});
