export { type CheckoutServer, contentSecurityPolicy, startCheckoutServer } from "./checkout-server.js";
export { type CheckoutServerOptions, parseCheckoutEnv } from "./env.js";
