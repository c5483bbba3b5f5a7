export { createPayGateClient, type PayGateClient, type PayGateClientOptions } from "./client.js";
export {
  type ClientErrorType,
  PayGateError,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from "./errors.js";
export { verifyPaymentSignature } from "./signatures.js";
export type { RequestOptions } from "./transport.js";
export type * from "./types.js";
export { type VerifyWebhookOptions, verifyWebhook, type WebhookHeaders } from "./webhooks.js";
