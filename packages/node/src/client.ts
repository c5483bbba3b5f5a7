import { createTransport, type RequestOptions, type Transport } from "./transport.js";
import type {
  Customer,
  CustomerCreateInput,
  CustomerListQuery,
  CustomerPaymentMethod,
  CustomerUpdateInput,
  List,
  Order,
  OrderCreateInput,
  OrderListQuery,
  PageQuery,
  Payment,
  PaymentCreateInput,
  PaymentListQuery,
  Refund,
  RefundCreateInput,
  RefundListQuery,
  Subscription,
  SubscriptionCreateInput,
  SubscriptionListQuery,
  WebhookDelivery,
  WebhookDeliveryDetail,
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
  };
}

export type PayGateClient = ReturnType<typeof createPayGateClient>;
