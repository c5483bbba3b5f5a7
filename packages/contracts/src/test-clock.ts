import { z } from "zod";

/** The longest single move of the TEST_MODE clock (SPEC §13): 400 days. */
export const MAX_CLOCK_ADVANCE_SECONDS = 400 * 24 * 3600;

/** `POST /test/clock/advance` (TEST_MODE only). */
export const clockAdvanceSchema = z.strictObject({
  seconds: z
    .number({ error: "seconds must be an integer" })
    .int({ error: "seconds must be an integer" })
    .min(1, { error: "seconds must be at least 1" })
    .max(MAX_CLOCK_ADVANCE_SECONDS, { error: `seconds must be at most ${MAX_CLOCK_ADVANCE_SECONDS} (400 days)` }),
});
export type ClockAdvance = z.infer<typeof clockAdvanceSchema>;

/** `GET /test/clock` and the answer of an advance: the server's time and how far it is ahead. */
export const testClockSchema = z.object({
  now: z.string().describe("ISO-8601 timestamp"),
  offset_seconds: z.number().int(),
});
export type TestClock = z.infer<typeof testClockSchema>;
