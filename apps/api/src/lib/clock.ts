/**
 * The one source of "now" for every time-dependent decision (expiries, retries, settlement,
 * renewals, timestamps shown in objects). Services read `ctx.clock`, never `new Date()`, so the
 * TEST_MODE test clock is a different Clock rather than a special case.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
