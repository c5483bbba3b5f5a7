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
  ...(env.SHOP_ADMIN_EMAIL && env.SHOP_ADMIN_PASSWORD
    ? { admin: { email: env.SHOP_ADMIN_EMAIL, password: env.SHOP_ADMIN_PASSWORD } }
    : {}),
  ...(env.SHOP_URL ? { publicUrl: env.SHOP_URL } : {}),
  ...credentials,
});
console.log(`example shop on ${shop.url} (webhooks: POST ${shop.url}/webhooks/paygate, API ${env.API_URL})`);
if (env.SHOP_ADMIN_EMAIL && env.SHOP_ADMIN_PASSWORD) console.log(`shop admin: ${env.SHOP_ADMIN_EMAIL} (${shop.url}/admin)`);
else console.warn("no shop admin: set SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD (≥ 8 characters) to refund orders");

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await shop.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
