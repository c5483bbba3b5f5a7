export * from "./api.js";
export * from "./card.js";
export * from "./errors.js";
export * from "./events.js";
export * from "./ids.js";
export * from "./messages.js";
export * from "./money.js";
export * from "./test-clock.js";
