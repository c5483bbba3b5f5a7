export * from "./api.js";
export * from "./card.js";
export * from "./errors.js";
export * from "./events.js";
export * from "./ids.js";
export * from "./ledger.js";
export * from "./messages.js";
export * from "./money.js";
