import { createTransport, type RequestOptions, type Transport } from "./transport.js";
import type {
  Customer,
  CustomerCreateInput,
  CustomerListQuery,
  CustomerPaymentMethod,
  CustomerUpdateInput,
  Invoice,
  InvoiceCreateInput,
  InvoiceListQuery,
  InvoiceUpdateInput,
  List,
  ListQuery,
  Order,
  OrderCreateInput,
  OrderListQuery,
  PageQuery,
  Payment,
  PaymentCreateInput,
  PaymentLink,
  PaymentLinkCreateInput,
  PaymentLinkListQuery,
  PaymentListQuery,
  Refund,
  RefundCreateInput,
  RefundListQuery,
  Subscription,
  SubscriptionCreateInput,
  SubscriptionListQuery,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookEndpoint,
  WebhookEndpointCreateInput,
  WebhookEndpointSecretRotation,
  WebhookEndpointUpdateInput,
  WebhookEndpointWithSecret,
  WebhookListQuery,
} from "./types.js";

export interface PayGateClientOptions {
  /** `key_test_…` / `key_live_…`. */
  apiKey: string;
  /** `secret_test_…`: keep it on your server. */
  apiSecret: string;
  /** API origin, e.g. `http://localhost:8000` (a trailing `/api/v1` is fine too). */
  apiUrl?: string;
  /** Per-call timeout in ms (default 30 s). */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch;
}

const id = (value: string) => encodeURIComponent(value);

/**
 * A typed client for the merchant endpoints of the PayGate API, authenticated with your API
 * key and secret. Every method resolves to the `data` of the response or throws `PayGateError`.
 * @example
 * const paygate = createPayGateClient({ apiKey: "key_test_abc123", apiSecret: "secret_test_xyz789" });
 * const order = await paygate.orders.create({ amount: 50000, currency: "INR" }, { idempotencyKey: cartId });
 */
export function createPayGateClient(options: PayGateClientOptions) {
  if (!options.apiKey || !options.apiSecret) {
    throw new TypeError("createPayGateClient({ apiKey, apiSecret, apiUrl? }): apiKey and apiSecret are required");
  }
  const request: Transport = createTransport({
    apiUrl: options.apiUrl ?? "http://localhost:8000",
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    timeoutMs: options.timeoutMs ?? 30_000,
    fetch: options.fetch ?? globalThis.fetch,
  });

  return {
    orders: {
      create: (input: OrderCreateInput, opts?: RequestOptions) =>
        request<Order>({ method: "POST", path: "/orders", body: input, options: opts }),
      get: (orderId: string, opts?: RequestOptions) =>
        request<Order>({ method: "GET", path: `/orders/${id(orderId)}`, options: opts }),
      list: (query: OrderListQuery = {}, opts?: RequestOptions) =>
        request<List<Order>>({ method: "GET", path: "/orders", query, options: opts }),
      /** The payments tried on one order. */
      listPayments: (orderId: string, opts?: RequestOptions) =>
        request<List<Payment>>({ method: "GET", path: `/orders/${id(orderId)}/payments`, options: opts }),
      cancel: (orderId: string, opts?: RequestOptions) =>
        request<Order>({ method: "POST", path: `/orders/${id(orderId)}/cancel`, options: opts }),
    },
    payments: {
      /** Server-side payment creation; resolves with the payment in `pending`. */
      create: (input: PaymentCreateInput, opts?: RequestOptions) =>
        request<Payment>({ method: "POST", path: "/payments", body: input, options: opts }),
      get: (paymentId: string, opts?: RequestOptions) =>
        request<Payment>({ method: "GET", path: `/payments/${id(paymentId)}`, options: opts }),
      list: (query: PaymentListQuery = {}, opts?: RequestOptions) =>
        request<List<Payment>>({ method: "GET", path: "/payments", query, options: opts }),
      /** Manual capture of an `authorized` payment; 409 `payment_not_capturable` otherwise. */
      capture: (paymentId: string, opts?: RequestOptions) =>
        request<Payment>({ method: "POST", path: `/payments/${id(paymentId)}/capture`, options: opts }),
      /** Releases an `authorized` payment (`voided`); 409 `payment_not_voidable` otherwise. */
      void: (paymentId: string, opts?: RequestOptions) =>
        request<Payment>({ method: "POST", path: `/payments/${id(paymentId)}/void`, options: opts }),
    },
    refunds: {
      /** Refunds `amount` (default: what remains); processed asynchronously (`refund.processed`). */
      create: (paymentId: string, input: RefundCreateInput = {}, opts?: RequestOptions) =>
        request<Refund>({ method: "POST", path: `/payments/${id(paymentId)}/refunds`, body: input, options: opts }),
      get: (refundId: string, opts?: RequestOptions) =>
        request<Refund>({ method: "GET", path: `/refunds/${id(refundId)}`, options: opts }),
      list: (query: RefundListQuery = {}, opts?: RequestOptions) =>
        request<List<Refund>>({ method: "GET", path: "/refunds", query, options: opts }),
    },
    paymentLinks: {
      /** A link and its order; send `url` (the hosted page) to the customer. `expire_by` must be in the future. */
      create: (input: PaymentLinkCreateInput, opts?: RequestOptions) =>
        request<PaymentLink>({ method: "POST", path: "/payment_links", body: input, options: opts }),
      get: (linkId: string, opts?: RequestOptions) =>
        request<PaymentLink>({ method: "GET", path: `/payment_links/${id(linkId)}`, options: opts }),
      list: (query: PaymentLinkListQuery = {}, opts?: RequestOptions) =>
        request<List<PaymentLink>>({ method: "GET", path: "/payment_links", query, options: opts }),
      /** Cancels a `created` link and its order; 410 `link_not_payable` when it is paid or expired. */
      cancel: (linkId: string, opts?: RequestOptions) =>
        request<PaymentLink>({ method: "POST", path: `/payment_links/${id(linkId)}/cancel`, options: opts }),
    },
    invoices: {
      /** A draft, priced by the API (line amounts, subtotal, discount, tax half up, total). */
      create: (input: InvoiceCreateInput, opts?: RequestOptions) =>
        request<Invoice>({ method: "POST", path: "/invoices", body: input, options: opts }),
      get: (invoiceId: string, opts?: RequestOptions) =>
        request<Invoice>({ method: "GET", path: `/invoices/${id(invoiceId)}`, options: opts }),
      list: (query: InvoiceListQuery = {}, opts?: RequestOptions) =>
        request<List<Invoice>>({ method: "GET", path: "/invoices", query, options: opts }),
      /** Drafts only; 409 `invoice_state_invalid` otherwise. */
      update: (invoiceId: string, input: InvoiceUpdateInput, opts?: RequestOptions) =>
        request<Invoice>({ method: "PATCH", path: `/invoices/${id(invoiceId)}`, body: input, options: opts }),
      /** Numbers it (`INV-000001`), creates its `order_id`, sets `url` (the hosted page) and emails the customer. */
      send: (invoiceId: string, opts?: RequestOptions) =>
        request<Invoice>({ method: "POST", path: `/invoices/${id(invoiceId)}/send`, options: opts }),
      /** Unpaid invoices only; its order is cancelled too. */
      cancel: (invoiceId: string, opts?: RequestOptions) =>
        request<Invoice>({ method: "POST", path: `/invoices/${id(invoiceId)}/cancel`, options: opts }),
      /** The invoice as a PDF document's bytes. */
      pdf: (invoiceId: string, opts?: RequestOptions) =>
        request<Uint8Array>({ method: "GET", path: `/invoices/${id(invoiceId)}/pdf`, options: opts, binary: true }),
    },
    customers: {
      create: (input: CustomerCreateInput = {}, opts?: RequestOptions) =>
        request<Customer>({ method: "POST", path: "/customers", body: input, options: opts }),
      get: (customerId: string, opts?: RequestOptions) =>
        request<Customer>({ method: "GET", path: `/customers/${id(customerId)}`, options: opts }),
      /** Given fields replace the stored ones; `null` clears one. */
      update: (customerId: string, input: CustomerUpdateInput, opts?: RequestOptions) =>
        request<Customer>({ method: "PATCH", path: `/customers/${id(customerId)}`, body: input, options: opts }),
      /** Newest first; `email` matches case-insensitively. */
      list: (query: CustomerListQuery = {}, opts?: RequestOptions) =>
        request<List<Customer>>({ method: "GET", path: "/customers", query, options: opts }),
    },
    paymentMethods: {
      /** A customer's saved cards (saved by the shopper in the checkout), deleted ones left out. */
      list: (customerId: string, query: PageQuery = {}, opts?: RequestOptions) =>
        request<List<CustomerPaymentMethod>>({
          method: "GET",
          path: `/customers/${id(customerId)}/payment_methods`,
          query,
          options: opts,
        }),
      /** The card can no longer pay; deleting it again answers the same. */
      delete: (paymentMethodId: string, opts?: RequestOptions) =>
        request<CustomerPaymentMethod>({ method: "DELETE", path: `/payment_methods/${id(paymentMethodId)}`, options: opts }),
    },
    subscriptions: {
      /** Charges the first period with the saved card at once, then renews every period. */
      create: (input: SubscriptionCreateInput, opts?: RequestOptions) =>
        request<Subscription>({ method: "POST", path: "/subscriptions", body: input, options: opts }),
      get: (subscriptionId: string, opts?: RequestOptions) =>
        request<Subscription>({ method: "GET", path: `/subscriptions/${id(subscriptionId)}`, options: opts }),
      list: (query: SubscriptionListQuery = {}, opts?: RequestOptions) =>
        request<List<Subscription>>({ method: "GET", path: "/subscriptions", query, options: opts }),
      /** Stops renewals at once; 409 `subscription_state_invalid` once cancelled. */
      cancel: (subscriptionId: string, opts?: RequestOptions) =>
        request<Subscription>({ method: "POST", path: `/subscriptions/${id(subscriptionId)}/cancel`, options: opts }),
    },
    webhooks: {
      /** The webhook delivery log, newest first. */
      list: (query: WebhookListQuery = {}, opts?: RequestOptions) =>
        request<List<WebhookDelivery>>({ method: "GET", path: "/webhooks", query, options: opts }),
      /** One delivery with its payload and every attempt. */
      get: (deliveryId: string, opts?: RequestOptions) =>
        request<WebhookDeliveryDetail>({ method: "GET", path: `/webhooks/${id(deliveryId)}`, options: opts }),
      /** Resets the attempts and delivers again now. */
      retry: (deliveryId: string, opts?: RequestOptions) =>
        request<WebhookDelivery>({ method: "POST", path: `/webhooks/${id(deliveryId)}/retry`, options: opts }),
    },
    /** Extra webhook URLs, each with its event filter and its own signing secret (SPEC §8). */
    webhookEndpoints: {
      /** Resolves with the endpoint and its `secret`, shown this once. */
      create: (input: WebhookEndpointCreateInput, opts?: RequestOptions) =>
        request<WebhookEndpointWithSecret>({ method: "POST", path: "/webhook_endpoints", body: input, options: opts }),
      list: (query: ListQuery = {}, opts?: RequestOptions) =>
        request<List<WebhookEndpoint>>({ method: "GET", path: "/webhook_endpoints", query, options: opts }),
      get: (endpointId: string, opts?: RequestOptions) =>
        request<WebhookEndpoint>({ method: "GET", path: `/webhook_endpoints/${id(endpointId)}`, options: opts }),
      update: (endpointId: string, input: WebhookEndpointUpdateInput, opts?: RequestOptions) =>
        request<WebhookEndpoint>({ method: "PATCH", path: `/webhook_endpoints/${id(endpointId)}`, body: input, options: opts }),
      delete: (endpointId: string, opts?: RequestOptions) =>
        request<WebhookEndpoint>({ method: "DELETE", path: `/webhook_endpoints/${id(endpointId)}`, options: opts }),
      /** A new secret; the old one keeps signing for 24 h. */
      rotateSecret: (endpointId: string, opts?: RequestOptions) =>
        request<WebhookEndpointSecretRotation>({
          method: "POST",
          path: `/webhook_endpoints/${id(endpointId)}/rotate-secret`,
          options: opts,
        }),
      /** Sends a signed `ping` event to the endpoint now; resolves with its delivery. */
      test: (endpointId: string, opts?: RequestOptions) =>
        request<WebhookDelivery>({ method: "POST", path: `/webhook_endpoints/${id(endpointId)}/test`, options: opts }),
    },
  };
}

export type PayGateClient = ReturnType<typeof createPayGateClient>;
