import { resolveCredentials } from "./credentials.js";
import { loadMerchantEnv } from "./env.js";
import { startMerchant } from "./merchant.js";

const env = loadMerchantEnv();
const credentials = await resolveCredentials(env);
const shop = await startMerchant({
  port: env.PORT,
  apiUrl: env.API_URL,
  checkoutUrl: env.CHECKOUT_URL,
  dataDir: env.MERCHANT_DATA_DIR,
  ...credentials,
});
console.log(`example shop on ${shop.url} (webhooks: POST ${shop.url}/webhooks/paygate, API ${env.API_URL})`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await shop.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
