export { type MerchantOptions, type RunningMerchant, startMerchant } from "./merchant.js";
export { resolveCredentials, type Credentials } from "./credentials.js";
export { parseMerchantEnv, type MerchantEnv } from "./env.js";
