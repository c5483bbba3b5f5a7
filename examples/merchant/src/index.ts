export { type Credentials, resolveCredentials } from "./credentials.js";
export { type MerchantEnv, parseMerchantEnv } from "./env.js";
export { type MerchantOptions, type RunningMerchant, startMerchant } from "./merchant.js";
