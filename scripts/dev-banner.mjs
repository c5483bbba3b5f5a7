// The banner `pnpm dev` prints once everything answers: where each part runs, and the test
// merchant's credentials with a curl line that works as pasted (issue 19: secrets and auth
// discoverable). Plain Node ESM with no dependencies, like dev.mjs.

/** A value safe inside single quotes in a POSIX shell. */
const shellQuote = (value) => `'${String(value).replaceAll("'", `'\\''`)}'`;

/**
 * The seeded test merchant's credentials from `GET /api/v1/test/merchant` (SPEC §4), or
 * `{ error }` saying why they could not be read.
 * @param {string} apiUrl
 * @param {typeof fetch} [fetchImpl]
 */
export async function readTestMerchant(apiUrl, fetchImpl = fetch) {
  try {
    const response = await fetchImpl(`${apiUrl}/api/v1/test/merchant`, { signal: AbortSignal.timeout(5000) });
    const body = await response.json().catch(() => null);
    const data = body?.data;
    if (!response.ok || typeof data?.api_key !== "string" || typeof data?.api_secret !== "string") {
      return { error: `GET /api/v1/test/merchant answered ${response.status}` };
    }
    return { email: data.email, api_key: data.api_key, api_secret: data.api_secret, webhook_secret: data.webhook_secret };
  } catch (error) {
    return { error: `GET /api/v1/test/merchant failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * One command that creates an order as the test merchant: HTTP Basic (key:secret), a JSON body
 * with its Content-Type, and the amount in minor units (50000 = ₹500.00).
 */
export function curlExample(apiUrl, merchant) {
  return [
    "curl",
    `-u ${shellQuote(`${merchant.api_key}:${merchant.api_secret}`)}`,
    `-H 'Content-Type: application/json'`,
    `-d '{"amount":50000,"currency":"INR"}'`,
    `${apiUrl}/api/v1/orders`,
  ].join(" ");
}

/**
 * The banner's lines (without the `[dev]` tag).
 * @param {{
 *   services: { label: string, url: string, note?: string }[],
 *   apiUrl: string,
 *   dataDir: string,
 *   shopAdmin?: { email: string, password: string, url: string },
 *   merchant: { email?: string, api_key: string, api_secret: string, webhook_secret?: string } | { error: string },
 * }} input
 */
export function formatBanner({ services, apiUrl, dataDir, shopAdmin, merchant }) {
  const lines = ["", "PayGate is up (TEST_MODE):"];
  for (const { label, url, note } of services) {
    lines.push(`  ${label.padEnd(10)} ${url}${label === "api" ? "  (reference: /docs)" : ""}${note ?? ""}`);
  }
  lines.push(`  data       ${dataDir}`);
  if (shopAdmin) {
    lines.push(
      `  shop admin ${shopAdmin.email} / ${shopAdmin.password}  (${shopAdmin.url}/admin; shoppers register on the shop)`,
    );
  }
  lines.push("");
  if ("error" in merchant) {
    lines.push(`Test merchant: credentials unavailable (${merchant.error}).`);
  } else {
    lines.push(`Test merchant${merchant.email ? ` (${merchant.email})` : ""}:`);
    lines.push(`  api key        ${merchant.api_key}   (publishable: PaymentGateway.open({ key }))`);
    lines.push(`  api secret     ${merchant.api_secret}   (server only)`);
    if (merchant.webhook_secret) lines.push(`  webhook secret ${merchant.webhook_secret}   (verifies webhook signatures)`);
    lines.push("Authenticate with X-Api-Key + X-Api-Secret headers or HTTP Basic key:secret. Create an order:");
    lines.push(`  ${curlExample(apiUrl, merchant)}`);
    lines.push(
      `  (or -H ${shellQuote(`X-Api-Key: ${merchant.api_key}`)} -H ${shellQuote(`X-Api-Secret: ${merchant.api_secret}`)} instead of -u)`,
    );
  }
  return lines;
}
